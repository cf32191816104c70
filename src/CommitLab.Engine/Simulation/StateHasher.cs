using System.Runtime.CompilerServices;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// Builds <see cref="WorldState.Fingerprint"/>: a stable 64-bit hash of words fed in a fixed order.
/// Words go in pairs through a 64x64->128-bit multiply folded to 64 bits (the "mum" step of wyhash),
/// keyed by their position, so the pairs' products do not depend on each other and the CPU overlaps
/// them; a SplitMix64 finaliser spreads the result. Unlike <see cref="HashCode"/> it is the same in
/// every process, so fingerprints can be stored and compared across runs.
/// </summary>
internal struct StateHasher
{
    private const ulong Key0 = 0xa0761d6478bd642fUL;
    private const ulong Key1 = 0xe7037ed1a0b428dbUL;

    /// <summary>How far the position key moves per pair of words.</summary>
    internal const ulong Step = 0x8ebc6af09c88c6e3UL;

    private ulong hash;
    private ulong position;

    /// <summary>Feeds two words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong a, ulong b)
    {
        position += Step;
        hash ^= Pair(a, b, position);
    }

    /// <summary>
    /// The high and low halves of the 128-bit product, folded. The halves come from two multiplies
    /// (one giving the high half, the ordinary one the low) rather than <see cref="Math.BigMul(ulong, ulong, out ulong)"/>,
    /// whose out parameter made the JIT keep the low half, and with it the whole hasher, in memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mum(ulong a, ulong b)
    {
        var high = System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported
            ? System.Runtime.Intrinsics.X86.Bmi2.X64.MultiplyNoFlags(a, b)
            : Math.BigMul(a, b, out _);
        return high ^ (a * b);
    }

    /// <summary>
    /// What <see cref="Add(ulong, ulong)"/> XORs into the hash for a pair at <paramref name="position"/>,
    /// for hot code that keeps the hash and position in its own locals (the JIT keeps those in
    /// registers; a hasher struct in a large method it may leave in memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Pair(ulong a, ulong b, ulong position) => Mum(a ^ Key0, b ^ (Key1 + position));

    /// <summary>Feeds one word (paired with zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong a) => Add(a, 0);

    /// <summary>
    /// A string's characters as one word, to <see cref="Add(ulong, ulong)"/> (rare in a state: lock
    /// names, node names in a partition). Static, so the hasher being built stays in registers.
    /// </summary>
    public static ulong Of(string? text)
    {
        if (text is null)
        {
            return ulong.MaxValue;
        }

        // Up to three characters fit in one word exactly, with the length on top: no hashing needed.
        if (text.Length <= 3)
        {
            var word = (ulong)text.Length << 48;
            for (var c = 0; c < text.Length; c++)
            {
                word |= (ulong)text[c] << (16 * c);
            }

            return word;
        }

        var h = default(StateHasher);
        h.Add((ulong)text.Length);
        var i = 0;
        for (; i + 3 < text.Length; i += 4)
        {
            h.Add(text[i] | ((ulong)text[i + 1] << 16), text[i + 2] | ((ulong)text[i + 3] << 16));
        }

        for (; i < text.Length; i++)
        {
            h.Add(text[i]);
        }

        return h.Raw;
    }

    /// <summary>The words so far, unfinished: for a part of a state that is fed to an outer hasher as one word.</summary>
    public readonly ulong Raw => hash ^ position;

    /// <summary>The finished fingerprint.</summary>
    public readonly ulong Finish()
    {
        var z = hash ^ position;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
