using System.Buffers;
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
/// <remarks>
/// The bytes are gathered in a pooled buffer and handed to SHA-256 in batches of up to
/// <see cref="BatchBytes"/>: each call into the hash has a fixed cost far above that of hashing one
/// event's 52 bytes, so calling it once per field made hashing a short run cost a third of the run. A
/// trace that fits in one batch (every fault-free and nearly every fuzz run) is hashed in one shot,
/// with no hashing state allocated at all. Batching changes nothing in the bytes hashed, so nothing in
/// the digest.
/// </remarks>
internal sealed class TraceFingerprint : IDisposable
{
    /// <summary>How many bytes <see cref="WriteCommon"/> fills; kind-specific fields follow.</summary>
    public const int CommonLength = 40;

    private const int BatchBytes = 16 * 1024;

    private IncrementalHash? sha;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(BatchBytes);
    private int used;

    public TraceFingerprint(ImmutableArray<string> nodeNames)
    {
        foreach (var name in nodeNames)
        {
            Write(name);
            Reserve(1)[0] = (byte)'\n';
            used++;
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
        var span = Reserve(fields.Length + 4);
        fields.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[fields.Length..], text?.Length ?? -1);
        used += fields.Length + 4;
        if (text is not null)
        {
            Write(text);
        }
    }

    public string Finish()
    {
        Span<byte> digest = stackalloc byte[32];
        if (sha is null)
        {
            SHA256.HashData(buffer.AsSpan(0, used), digest);
            used = 0;
        }
        else
        {
            Flush();
            sha.GetHashAndReset(digest);
        }

        return Convert.ToHexStringLower(digest[..8]);
    }

    /// <summary>The digest of everything added so far; more may be added after it.</summary>
    public string Current()
    {
        Span<byte> digest = stackalloc byte[32];
        Flush();
        sha!.GetCurrentHash(digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    public void Dispose()
    {
        sha?.Dispose();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }

    private void Write(string text)
    {
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        used += Encoding.UTF8.GetBytes(text, span);
    }

    /// <summary>Room for <paramref name="bytes"/> more at the end of the batch, hashing the batch first if it is full.</summary>
    private Span<byte> Reserve(int bytes)
    {
        if (used + bytes > buffer.Length)
        {
            Flush();
            if (bytes > buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(bytes);
            }
        }

        return buffer.AsSpan(used);
    }

    /// <summary>Hands the batch to the running hash (created the first time a trace outgrows one batch).</summary>
    private void Flush()
    {
        sha ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(buffer, 0, used);
        used = 0;
    }
}
