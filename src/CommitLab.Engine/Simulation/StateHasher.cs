using System.Numerics;
using System.Runtime.CompilerServices;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// Builds <see cref="WorldState.Fingerprint"/>: a stable 64-bit hash of words fed in a fixed order.
/// Consecutive words go in pairs through a 64x64->128-bit multiply folded to 64 bits (the "mum" step
/// of wyhash), keyed by their position, so the pairs' products do not depend on each other and the
/// CPU overlaps them; a SplitMix64 finaliser spreads the result. Unlike <see cref="HashCode"/> it is
/// the same in every process, so fingerprints can be stored and compared across runs.
/// </summary>
/// <remarks>
/// Callers pack small fields into one word first (see <see cref="Rotl"/>), so the multiply is the
/// only real cost per word. Hot code keeps the hash and position in its own locals and calls
/// <see cref="Pair"/> (the JIT keeps those in registers; a hasher struct in a large method it may leave
/// in memory), and pairs words by the shape of what it hashes rather than by a flag tested per word:
/// the flag, kept in memory, cost more than the multiplies.
/// </remarks>
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

    /// <summary>Feeds one word (paired with zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong a) => Add(a, 0);

    /// <summary>Two words mixed into one: what a hasher fed just them would hold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong a, ulong b) => Pair(a, b, Step) ^ Step;

    /// <summary>
    /// <paramref name="word"/> rotated left: how a field joins others in one word. Rotation (unlike a
    /// shift) loses no bits, so a change to any one field always changes the word, even a value too
    /// wide for its place that overlaps its neighbour.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Rotl(ulong word, int by) => BitOperations.RotateLeft(word, by);

    /// <summary>
    /// The high and low halves of the 128-bit product, folded. The halves come from two multiplies
    /// (one giving the high half, the ordinary one the low) rather than <see cref="Math.BigMul(ulong, ulong, out ulong)"/>,
    /// whose out parameter made the JIT keep the low half, and with it the whole hasher, in memory;
    /// with the hash in locals BigMul measured slower still (its one-operand multiply pins registers).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mum(ulong a, ulong b)
    {
        var high = System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported
            ? System.Runtime.Intrinsics.X86.Bmi2.X64.MultiplyNoFlags(a, b)
            : Math.BigMul(a, b, out _);
        return high ^ (a * b);
    }

    /// <summary>
    /// What <see cref="Add(ulong, ulong)"/> XORs into the hash for a pair at <paramref name="position"/>,
    /// for hot code that keeps the hash and position in its own locals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Pair(ulong a, ulong b, ulong position) => Mum(a ^ Key0, b ^ (Key1 + position));

    /// <summary>
    /// A string's characters as one word (rare in a state: lock names, node names in a partition).
    /// Up to three characters fit exactly, with the length on top, so the usual short name costs no
    /// hashing and no call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(string? text)
    {
        if (text is null)
        {
            return ulong.MaxValue;
        }

        return text.Length switch
        {
            0 => 0,
            1 => (1UL << 48) | text[0],
            2 => (2UL << 48) | text[0] | ((ulong)text[1] << 16),
            3 => (3UL << 48) | text[0] | ((ulong)text[1] << 16) | ((ulong)text[2] << 32),
            _ => OfLong(text),
        };
    }

    private static ulong OfLong(string text)
    {
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
    public readonly ulong Finish() => Finish(Raw);

    /// <summary>Finishes a raw hash kept in locals: SplitMix64's finaliser spreads every bit over the result.</summary>
    internal static ulong Finish(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
