using System.Buffers;
using System.IO.Compression;
using System.Text;
using CommitLab.Engine.Scenarios;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitLab.Web.Lab.Sharing;

/// <summary>
/// A run in a URL: the recording (configuration, seed and every fault, as a scenario file) in
/// base64url, plus the cursor. Opening the link replays exactly the same run to the same moment.
/// The scenario format is reused rather than inventing a second encoding, so the parser's checks
/// and bounds protect the Lab from a forged link as they do from a bad file.
/// </summary>
/// <remarks>
/// The scenario text is Brotli-compressed before base64url and marked with <see cref="CompressedMarker"/>;
/// a payload without the marker is the plain base64url of earlier links, which still open. A fault
/// schedule compresses about sevenfold, so a room of 150 faults fits where it once made a 10 KB link
/// that the server refused with 414. A run too long even so gets no link at all (see
/// <see cref="MaxLinkLength"/>) rather than one that cannot open.
/// </remarks>
public static class ShareLink
{
    /// <summary>Longer payloads are refused before decoding.</summary>
    public const int MaxEncodedLength = 16_000;

    /// <summary>
    /// The longest link the app hands out. Kestrel refuses a request line over 8 KB (414), and the
    /// line also holds the method, the protocol and any other parameters; 6,000 leaves room for those
    /// and for proxies with tighter limits.
    /// </summary>
    public const int MaxLinkLength = 6_000;

    /// <summary>
    /// Starts a compressed payload. '.' is not a base64url character, so no plain payload from an
    /// earlier link can start with it by accident.
    /// </summary>
    public const string CompressedMarker = "1.";

    /// <summary>What to tell someone whose run is too long for a link.</summary>
    public const string TooLongHint = "This run has too many faults to fit in a link; export the trace instead (Export, Trace) and import it to replay it.";

    /// <summary>
    /// The longest payload a link may carry: the rest of the link ("/lab?run=", the cursor's two numbers
    /// and "&amp;view=projector") takes at most 70 more characters.
    /// </summary>
    public const int MaxPayloadLength = MaxLinkLength - 100;

    /// <summary>The Lab link to this run at <paramref name="cursor"/>, or null when it would be too long to open.</summary>
    public static string? Create(Scenario recording, TimelinePosition cursor) => At(Pack(recording), cursor);

    /// <summary>
    /// The recording as a link's payload, or null when no link carrying it would open. Worth keeping
    /// while the recording stays the same: packing a long run takes milliseconds, the cursor nothing.
    /// </summary>
    public static string? Pack(Scenario recording)
    {
        var payload = Encode(ScenarioWriter.ToYaml(recording));
        return payload.Length <= MaxPayloadLength ? payload : null;
    }

    /// <summary>The link to a packed recording at <paramref name="cursor"/>; null for a recording too long for one.</summary>
    public static string? At(string? packed, TimelinePosition cursor) => LabLink.At(packed, cursor);

    /// <summary>Reads a link's parts back. Throws <see cref="ScenarioException"/> with a readable message for a bad one.</summary>
    public static (Scenario Recording, TimelinePosition Cursor) Read(string encodedRun, long? events, long? tick)
    {
        var scenario = ReadScenario(encodedRun, "run");
        return (scenario, new TimelinePosition(Math.Max(0, events ?? 0), Math.Max(0, tick ?? 0)));
    }

    /// <summary>
    /// The scenario a link's <paramref name="part"/> carries: <c>run=</c>, or <c>tahoe=</c> of links
    /// made before Tahoe-LAFS runs shared the one Lab session (the same payload, read by the one
    /// parser). Throws <see cref="ScenarioException"/> naming the part for a bad one.
    /// </summary>
    public static Scenario ReadScenario(string encoded, string part) => ScenarioParser.Parse(DecodeYaml(encoded, part), "shared link");

    /// <summary>
    /// A scenario file as a link's payload: compressed, base64url, marked. Brotli's quality 5 packs a
    /// 150-fault run in about a millisecond; only a payload too long for a link gets quality 11, which
    /// packs about 40% smaller but takes a hundred times as long, and not one more than twice too long,
    /// which quality 11 would not bring under the bound either.
    /// </summary>
    internal static string Encode(string yaml)
    {
        var bytes = Encoding.UTF8.GetBytes(yaml);
        var fast = Compress(bytes, quality: 5);
        return fast.Length <= MaxPayloadLength || fast.Length > 2 * MaxPayloadLength ? fast : Compress(bytes, quality: 11);
    }

    private static string Compress(byte[] bytes, int quality)
    {
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, compressed, out var written, quality, window: 16))
        {
            // Cannot happen with a buffer of the maximum compressed length; the plain form still reads.
            return WebEncoders.Base64UrlEncode(bytes);
        }

        return CompressedMarker + WebEncoders.Base64UrlEncode(compressed, 0, written);
    }

    /// <summary>
    /// The scenario file a link carries, after the length bound. Throws <see cref="ScenarioException"/>
    /// naming the link's <paramref name="part"/> when it is too long, not base64url, or not a payload
    /// this app wrote.
    /// </summary>
    internal static string DecodeYaml(string encoded, string part)
    {
        if (encoded.Length > MaxEncodedLength)
        {
            throw new ScenarioException($"this shared link is too long ({encoded.Length:N0} characters; at most {MaxEncodedLength:N0})");
        }

        var compressed = encoded.StartsWith(CompressedMarker, StringComparison.Ordinal);
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(compressed ? encoded[CompressedMarker.Length..] : encoded);
        }
        catch (FormatException)
        {
            throw Damaged(part, "is not valid base64url");
        }

        return Encoding.UTF8.GetString(compressed ? Decompress(bytes, part) : bytes);
    }

    /// <summary>Decompresses at most the parser's size limit, so a small forged link cannot expand into gigabytes.</summary>
    private static byte[] Decompress(byte[] compressed, string part)
    {
        using var decoder = new BrotliDecoder();
        var output = new ArrayBufferWriter<byte>(Math.Max(256, compressed.Length * 8));
        var source = compressed.AsSpan();
        while (true)
        {
            var status = decoder.Decompress(source, output.GetSpan(4096), out var consumed, out var written);
            source = source[consumed..];
            output.Advance(written);
            if (output.WrittenCount > ScenarioParser.MaxBytes)
            {
                throw new ScenarioException($"this shared link unpacks to more than {ScenarioParser.MaxBytes:N0} bytes; a scenario is far smaller");
            }

            switch (status)
            {
                case OperationStatus.Done when source.IsEmpty:
                    return output.WrittenSpan.ToArray();
                case OperationStatus.DestinationTooSmall:
                    continue;
                default:
                    // Brotli cannot tell a payload cut short from one changed in the middle: say both.
                    throw Damaged(part, "does not unpack");
            }
        }
    }

    private static ScenarioException Damaged(string part, string why) =>
        new($"this shared link is damaged: its {part}= part {why} (was it cut short or changed when copied?)");
}
