using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace CommitLab.Engine.Tracing;

/// <summary>
/// The hash both trace kinds (2PC/3PC and Tahoe-LAFS) give a run: the first 16 hex digits of SHA-256
/// over the node names, then each event as fixed little-endian fields followed by its text. Binary
/// rather than the text form because the fuzzer and the scrubber hash often, and rendering text cost
/// more than the run. Each trace decides which fields it writes; this class owns the framing so the
/// two cannot drift apart in how names, text and the digest are handled.
/// </summary>
internal sealed class TraceFingerprint : IDisposable
{
    /// <summary>How many bytes <see cref="WriteCommon"/> fills; kind-specific fields follow.</summary>
    public const int CommonLength = 40;

    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public TraceFingerprint(ImmutableArray<string> nodeNames)
    {
        foreach (var name in nodeNames)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
        }
    }

    /// <summary>Writes the fields every trace event has into the first <see cref="CommonLength"/> bytes.</summary>
    public static void WriteCommon(Span<byte> buffer, long tick, long step, int node, int peer, long messageId, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, tick);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[8..], step);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[16..], node);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[20..], peer);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[24..], messageId);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[32..], value);
    }

    /// <summary>
    /// Adds one event: its fixed fields, then the text's length (-1 for none) and its UTF-8, so that
    /// no text and empty text hash differently.
    /// </summary>
    public void Add(ReadOnlySpan<byte> fields, string? text)
    {
        sha.AppendData(fields);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, text?.Length ?? -1);
        sha.AppendData(length);
        if (text is not null)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(text));
        }
    }

    public string Finish()
    {
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    /// <summary>The digest of everything added so far; more may be added after it.</summary>
    public string Current()
    {
        Span<byte> digest = stackalloc byte[32];
        sha.GetCurrentHash(digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    public void Dispose() => sha.Dispose();
}
