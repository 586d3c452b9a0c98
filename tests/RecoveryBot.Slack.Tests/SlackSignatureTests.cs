using System.Text;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Slack.Signing;

namespace RecoveryBot.Slack.Tests;

public sealed class SlackSignatureTests
{
    // Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
        "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static SlackSignature At(long unixSeconds, string? secret = Secret) =>
        new(secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Verify_SlacksDocumentedExample_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, At(1531420618).Verify(Body, Timestamp, Expected));

    [Fact]
    public void Sign_SlacksDocumentedExample_MatchesExpected() =>
        Assert.Equal(Expected, SlackSignature.Sign(Secret, Timestamp, Body));

    [Fact]
    public void Verify_WrongSecret_Mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, At(1531420618, "8f742231b10e8888abcd99yyyzzz85a6").Verify(Body, Timestamp, Expected));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void Verify_TimestampOutsideFiveMinutes_Stale(int skew) =>
        Assert.Equal(SignatureCheck.Stale, At(1531420618 + skew).Verify(Body, Timestamp, Expected));

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Verify_TimestampAtTheEdgeOfTheWindow_Valid(int skew) =>
        Assert.Equal(SignatureCheck.Valid, At(1531420618 + skew).Verify(Body, Timestamp, Expected));

    [Fact]
    public void Verify_TamperedBody_Mismatch()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^1] ^= 1;
        Assert.Equal(SignatureCheck.Mismatch, At(1531420618).Verify(tampered, Timestamp, Expected));
    }

    [Fact]
    public void Verify_TamperedTimestampWithinWindow_Mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, At(1531420618).Verify(Body, "1531420619", Expected));

    [Theory]
    [InlineData(null, Expected)]
    [InlineData("", Expected)]
    [InlineData(Timestamp, null)]
    [InlineData(Timestamp, "")]
    public void Verify_MissingHeaders_Refused(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeaders, At(1531420618).Verify(Body, timestamp, signature));

    [Fact]
    public void Verify_OtherVersion_Unsupported() =>
        Assert.Equal(SignatureCheck.UnsupportedVersion, At(1531420618).Verify(Body, Timestamp, "v1=" + Expected[3..]));

    [Theory]
    [InlineData("abc")]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999")]
    public void Verify_MalformedTimestamp_BadTimestamp(string timestamp) =>
        Assert.Equal(SignatureCheck.BadTimestamp, At(1531420618).Verify(Body, timestamp, Expected));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Verify_NoSecretConfigured_FailsClosed(string? secret) =>
        Assert.Equal(SignatureCheck.MissingSecret, At(1531420618, secret).Verify(Body, Timestamp, Expected));

    [Theory]
    [InlineData("v0=")]
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503ff")]
    [InlineData("v0=ä2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Verify_MalformedSignature_Mismatch(string signature) =>
        Assert.Equal(SignatureCheck.Mismatch, At(1531420618).Verify(Body, Timestamp, signature));
}
