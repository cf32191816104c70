namespace CommitLab.Engine.Tracing;

/// <summary>
/// The trace hash: a 64-bit fold over the node names and then every entry's compact words
/// (<see cref="TraceRecord"/>) and rare fields, printed as 16 hex digits. Each entry costs two
/// 64x64->128-bit multiplies (wyhash's mixing step) chained through the running state, so the
/// order of events counts and the hash can be carried forward as a trace grows.
/// </summary>
/// <remarks>
/// Until December it was SHA-256 over a 52-byte little-endian encoding of each event. That cost
/// about 40 ns an entry, as much as a whole event of the engine once the engine was made fast, so
/// a finished run spent a fifth to a third of its time hashing. The hash is a run's identity for
/// tests, replays and classrooms, not a security measure (anyone can recompute it), so a fast
/// non-cryptographic fold serves it as well. The change altered every hash once; the pinned ones in
/// the tests were updated with it.
/// </remarks>
internal static class TraceHash
{
    private const ulong P0 = 0xa0761d6478bd642fUL;
    private const ulong P1 = 0xe7037ed1a0b428dbUL;
    private const ulong P2 = 0x8ebc6af09c88c6e3UL;
    private const ulong P3 = 0x589965cc75374cc3UL;

    /// <summary>The state after the node names, before any event.</summary>
    public static ulong Start(IReadOnlyList<string> nodeNames)
    {
        var state = P3 ^ (ulong)nodeNames.Count;
        foreach (var name in nodeNames)
        {
            state = Mix(Text(name) ^ P0, state ^ P1);
        }

        return state;
    }

    /// <summary>Folds one entry in; <paramref name="extra"/> is read only when the entry has one.</summary>
    public static ulong Add(ulong state, in TraceRecord r, in TraceExtra extra)
    {
        state = Mix(r.W0 ^ P0, r.W1 ^ state) ^ Mix(r.W2 ^ P1, r.HashedW3 ^ P2 ^ state);
        if (r.Extra != 0)
        {
            var slot = (ulong)(uint)extra.Slot.Instance | ((ulong)(uint)extra.Slot.Ballot << 32);
            state = Mix(Text(extra.Text) ^ P3, state ^ slot) ^ Mix((ulong)(uint)extra.Slot.Accepted ^ P2, state ^ P0);
        }

        return state;
    }

    /// <summary>The printed hash of a state after <paramref name="count"/> entries.</summary>
    public static string Finish(ulong state, int count)
    {
        var z = Mix(state ^ P0, (ulong)count ^ P1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;

        // The same 16 lower-case hex digits as z.ToString("x16"), written directly: every run's
        // result carries its hash, and the general formatter was a visible part of a short run.
        return string.Create(16, z, static (digits, value) =>
        {
            for (var i = digits.Length - 1; i >= 0; i--)
            {
                digits[i] = "0123456789abcdef"[(int)(value & 0xF)];
                value >>= 4;
            }
        });
    }

    /// <summary>A string as one word; null and empty differ.</summary>
    private static ulong Text(string? text)
    {
        if (text is null)
        {
            return P2;
        }

        var h = P1 ^ (ulong)text.Length;
        var i = 0;
        for (; i + 3 < text.Length; i += 4)
        {
            h = Mix((text[i] | ((ulong)text[i + 1] << 16) | ((ulong)text[i + 2] << 32) | ((ulong)text[i + 3] << 48)) ^ P0, h ^ P3);
        }

        var tail = 0UL;
        for (var shift = 0; i < text.Length; i++, shift += 16)
        {
            tail |= (ulong)text[i] << shift;
        }

        return Mix(tail ^ P2, h ^ P0);
    }

    private static ulong Mix(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        return high ^ low;
    }
}
