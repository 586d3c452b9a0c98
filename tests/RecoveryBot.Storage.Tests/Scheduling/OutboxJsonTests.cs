using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Storage.Scheduling;

namespace RecoveryBot.Storage.Tests.Scheduling;

/// <summary>The reply an outbox row carries is read back exactly as it was planned.</summary>
public sealed class OutboxJsonTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_RetestCard_RoundTripsTheWholeDocument(bool late)
    {
        var gap = TestData.Gap(7);
        var card = GapDocs.Retest(Testing.DocSamples.Recovery(), gap, GapActions.Retest(gap), reminder: true, late: late);

        var read = OutboxJson.Read(OutboxJson.Write(new Reply.Card(card, Audience.Channel)));

        var back = Assert.IsType<Reply.Card>(read).Doc;
        Assert.Equal(late, back.Notes.Contains(ScheduledTexts.LateCardNote));
        Assert.Equal((card.Title, card.Context, card.Banner, card.Summary), (back.Title, back.Context, back.Banner, back.Summary));
        Assert.Equal(card.Actions, back.Actions);
        Assert.Equal(card.Facts, back.Facts);
        Assert.Equal(card.Sections.Select(s => (s.Heading, string.Join("|", s.Lines))), back.Sections.Select(s => (s.Heading, string.Join("|", s.Lines))));
    }

    [Fact]
    public void Write_NonAsciiText_KeptAsItIs_HtmlSensitiveCharactersStillEscaped()
    {
        var json = OutboxJson.Write(new Reply.Text("检查 Müller <b>&", Audience.Channel));

        Assert.Contains("检查 Müller \\u003Cb\\u003E\\u0026", json, StringComparison.Ordinal);
        Assert.Equal("检查 Müller <b>&", Assert.IsType<Reply.Text>(OutboxJson.Read(json)).Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"type\":\"text\"")]
    [InlineData("{\"type\":\"mystery\",\"to\":\"channel\"}")]
    public void TryRead_PayloadThatCannotBeRead_IsNull(string? payload) => Assert.Null(OutboxJson.TryRead(payload));

    [Fact]
    public void Read_PersonalPost_RoundTripsThePersonBothPartsAndTheirAudiences()
    {
        var ravi = new Core.Model.UserRef("U0RAVI", "Ravi Mehta");
        var line = $"{Fmt.At(ravi)}, please retest G-7.";
        var direct = new Reply.Direct(ravi, new Reply.Text(line, Audience.Actor), new Reply.Text(line, Audience.Channel));

        Assert.Equal(direct, OutboxJson.Read(OutboxJson.Write(direct)));
    }

    [Fact]
    public void Read_UnknownPayload_IsRefusedNotGuessed() =>
        Assert.Throws<InvalidDataException>(() => OutboxJson.Read("{\"type\":\"retest\",\"to\":\"Channel\"}"));
}
