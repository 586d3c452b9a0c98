namespace RecoveryBot.Slack.Wire;

/// <summary>The <c>payload</c> JSON of an interactivity request (block_actions, view_submission, message_action).</summary>
internal sealed record InteractionPayload(
    string? Type,
    PayloadUser? User,
    PayloadTeam? Team,
    PayloadChannel? Channel,
    PayloadContainer? Container,
    string? TriggerId,
    string? ResponseUrl,
    IReadOnlyList<PayloadAction>? Actions,
    PayloadView? View,
    string? CallbackId,
    string? MessageTs,
    PayloadMessage? Message);

internal sealed record PayloadUser(string? Id, string? Name, string? Username, string? TeamId);

internal sealed record PayloadTeam(string? Id, string? Domain);

internal sealed record PayloadChannel(string? Id, string? Name);

internal sealed record PayloadContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral);

internal sealed record PayloadAction(string? ActionId, string? BlockId, string? Value, string? Type, PayloadText? Text, string? ActionTs = null);

internal sealed record PayloadText(string? Text);

internal sealed record PayloadMessage(string? Ts, string? Text, string? User, string? BotId);

internal sealed record PayloadView(string? Id, string? CallbackId, string? PrivateMetadata, ViewState? State, string? Type = null);

internal sealed record ViewState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateValue>>? Values);

/// <summary>One input's value; which field is set depends on the element type.</summary>
internal sealed record StateValue(
    string? Type,
    string? Value,
    string? SelectedUser,
    string? SelectedDate,
    string? SelectedConversation,
    string? SelectedChannel,
    SelectedOptionValue? SelectedOption)
{
    public string? Text => Value ?? SelectedOption?.Value ?? SelectedUser ?? SelectedDate ?? SelectedConversation ?? SelectedChannel;
}

internal sealed record SelectedOptionValue(string? Value);

/// <summary>
/// What a modal remembers between opening and submit, kept in <c>private_metadata</c> with short keys.
/// <see cref="Channel"/> is where the modal was opened; the rest depends on the modal.
/// </summary>
internal sealed record ModalMeta(
    [property: System.Text.Json.Serialization.JsonPropertyName("c")] string Channel,
    [property: System.Text.Json.Serialization.JsonPropertyName("v")] string? Verb = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("g")] int? Gap = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("n")] int? Change = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("r")] int? Revision = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("m")] string? MessageTs = null);
