using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Storage;

/// <summary>Complex columns are JSON strings; source-generated so no reflection runs per row.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(UserRef))]
[JsonSerializable(typeof(OwnershipMessage))]
[JsonSerializable(typeof(ImmutableList<Milestone>))]
[JsonSerializable(typeof(ImmutableList<Lesson>))]
[JsonSerializable(typeof(ImmutableList<Question>))]
[JsonSerializable(typeof(ImmutableList<int>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;

internal static class StorageJson
{
    /// <summary>
    /// Keeps letters of every script as they are (the default escapes each non-ASCII character as six characters, so a
    /// CJK text took six times its size of a column's 32K characters); HTML-sensitive and control characters are still
    /// escaped, as are characters outside the Basic Multilingual Plane (the encoder always escapes those).
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>The options of a source-generated context (the attribute has no encoder setting), with <see cref="Encoder"/>.</summary>
    public static JsonSerializerOptions With(JsonSerializerOptions generated) => new(generated) { Encoder = Encoder, TypeInfoResolver = null };

    private static readonly StorageJsonContext Ctx = new(With(StorageJsonContext.Default.Options));

    public static string? User(UserRef? user) => user is null ? null : JsonSerializer.Serialize(user, Ctx.UserRef);

    public static UserRef? User(string? json) => Read(json, Ctx.UserRef);

    public static UserRef RequiredUser(string? json, string column) =>
        User(json) ?? throw new InvalidDataException($"stored row lacks {column}");

    public static string? Ownership(OwnershipMessage? value) =>
        value is null ? null : JsonSerializer.Serialize(value, Ctx.OwnershipMessage);

    public static OwnershipMessage? Ownership(string? json) => Read(json, Ctx.OwnershipMessage);

    public static string? List<T>(ImmutableList<T> items, JsonTypeInfo<ImmutableList<T>> info) =>
        items.IsEmpty ? null : JsonSerializer.Serialize(items, info);

    public static ImmutableList<T> List<T>(string? json, JsonTypeInfo<ImmutableList<T>> info) =>
        Read(json, info) ?? [];

    public static string? GapIds(ImmutableList<GapId> gaps) =>
        gaps.IsEmpty ? null : JsonSerializer.Serialize(gaps.Select(g => g.Number).ToImmutableList(), Ctx.ImmutableListInt32);

    public static ImmutableList<GapId> GapIds(string? json) =>
        List(json, Ctx.ImmutableListInt32).Select(n => new GapId(n)).ToImmutableList();

    private static T? Read<T>(string? json, JsonTypeInfo<T> info) where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, info);

    public static JsonTypeInfo<ImmutableList<Milestone>> Milestones => Ctx.ImmutableListMilestone;
    public static JsonTypeInfo<ImmutableList<Lesson>> Lessons => Ctx.ImmutableListLesson;
    public static JsonTypeInfo<ImmutableList<Question>> Questions => Ctx.ImmutableListQuestion;
}
