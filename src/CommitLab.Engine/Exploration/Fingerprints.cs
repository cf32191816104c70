namespace CommitLab.Engine.Exploration;

/// <summary>Fingerprint helpers for models whose state packs into a <see cref="ulong"/>.</summary>
public static class Fingerprints
{
    /// <summary>
    /// SplitMix64's finaliser over the packed state. It is a bijection on 64-bit values, so two
    /// different packed states never share a fingerprint; it only spreads them over the table.
    /// </summary>
    public static ulong Mix(ulong packed)
    {
        var z = packed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
