using System.Text;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;
using Microsoft.AspNetCore.WebUtilities;
using Xunit.Abstractions;

namespace CommitLab.Web.Tests.Lab;

/// <summary>Every link the app hands out opens: long runs are packed small, and one too long for a link gets none.</summary>
public sealed class LinkLengthTests(ITestOutputHelper output)
{
    private static string Run(string link) => QueryHelpers.ParseQuery(new Uri("http://x" + link).Query)["run"]!;

    [Theory]
    [InlineData(112)]
    [InlineData(138)]
    [InlineData(150)]
    [InlineData(400)]
    public void A_long_lecture_makes_a_link_the_server_accepts_and_it_reads_back_the_same_run(int faults)
    {
        var recording = LongRuns.WithFaults(faults);
        var plain = $"/lab?run={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(ScenarioWriter.ToYaml(recording)))}&e=900&t=4000";

        var link = ShareLink.Create(recording, new TimelinePosition(900, 4000));

        output.WriteLine($"{faults} faults: {plain.Length:N0} characters uncompressed, {link?.Length:N0} compressed");
        Assert.NotNull(link);
        Assert.InRange(link.Length, 1, ShareLink.MaxLinkLength);
        var (read, cursor) = ShareLink.Read(Run(link), 900, 4000);
        Assert.Equal(ScenarioWriter.ToYaml(recording), ScenarioWriter.ToYaml(read));
        Assert.Equal(new TimelinePosition(900, 4000), cursor);
    }

    [Fact]
    public void A_link_from_before_compression_still_opens()
    {
        var yaml = "protocol: 3pc\nparticipants: 2\nseed: 5\n";

        var (read, _) = ShareLink.Read(WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(yaml)), 0, 0);

        Assert.Equal((ProtocolKindOf("3pc"), 2, 5UL), (read.Protocol, read.Participants, read.Seed));
    }

    [Fact]
    public void A_run_too_long_for_any_link_gets_none_rather_than_one_that_fails()
    {
        var recording = LongRuns.Scattered();
        Assert.Empty(recording.Validate());

        Assert.Null(ShareLink.Create(recording, new TimelinePosition(0, 0)));
    }

    [Theory]
    [InlineData("1.!!!!", "not valid base64url")]
    [InlineData("1.AAAA", "does not unpack")]
    [InlineData("1.", "does not unpack")]
    public void A_damaged_compressed_link_gives_a_clear_error(string run, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ShareLink.Read(run, 0, 0));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compressed_link_cut_short_says_so()
    {
        var link = ShareLink.Create(LongRuns.WithFaults(20), new TimelinePosition(0, 0))!;
        var run = Run(link);
        // Cut on a whole base64 group, so what is left still decodes as base64url.
        var half = run[..(ShareLink.CompressedMarker.Length + ((run.Length / 2 / 4) * 4))];

        var error = Assert.Throws<ScenarioException>(() => ShareLink.Read(half, 0, 0));

        Assert.Contains("does not unpack (was it cut short or changed when copied?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_link_that_unpacks_to_gigabytes_is_refused()
    {
        var bomb = new byte[ScenarioParser.MaxBytes * 4];
        bomb.AsSpan().Fill((byte)'#');
        var packed = new byte[BrotliLength(bomb)];
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress(bomb, packed, out var written, 11, 22));
        var run = ShareLink.CompressedMarker + WebEncoders.Base64UrlEncode(packed, 0, written);

        var error = Assert.Throws<ScenarioException>(() => ShareLink.Read(run, 0, 0));

        Assert.True(run.Length < 200, $"the bomb is {run.Length} characters");
        Assert.Contains("unpacks to more than", error.Message, StringComparison.Ordinal);
    }

    private static int BrotliLength(byte[] bytes) => System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(bytes.Length);

    private static Engine.Protocols.ProtocolKind ProtocolKindOf(string name) => ScenarioParser.Parse($"protocol: {name}\nparticipants: 1\n", "x").Protocol;
}
