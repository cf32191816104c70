using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitLab.Web.Classroom;

/// <summary>
/// The random strings a room hands out. Instructor tokens carry 256 bits from the operating
/// system's cryptographic generator and only their SHA-256 hash is stored, so a copy of the
/// database does not open anyone's console. Join codes are short on purpose (read from the back of
/// a hall and typed on a phone): six characters from an alphabet without look-alikes (no 0, O, 1, I or L),
/// which leaves about 887 million codes; guessing is held off by <see cref="JoinGuard"/> and by rooms expiring.
/// </summary>
public static class RoomSecrets
{
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int CodeLength = RoomCodeText.Length;

    private const int TokenBytes = 32;

    /// <summary>An instructor token: 256 random bits in base64url (43 characters).</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>An opaque identifier for a room or a student: 128 random bits in base64url.</summary>
    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    public static byte[] HashToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Compares in constant time, so response timing says nothing about how close a guess was.</summary>
    public static bool TokenMatches(string? token, byte[] storedHash) =>
        token is { Length: > 0 and <= 200 } && CryptographicOperations.FixedTimeEquals(HashToken(token), storedHash);

    /// <summary>
    /// A join code as typed: upper-cased, with spaces and dashes dropped (the projector shows it as
    /// "ABC-234"). Null when it cannot be a code at all, so the database is never asked about junk.
    /// </summary>
    public static string? NormalizeCode(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 32)
        {
            return null;
        }

        var text = new string(typed.ToUpperInvariant().Where(c => c is not (' ' or '-')).ToArray());
        return text.Length == CodeLength && text.All(c => CodeAlphabet.Contains(c, StringComparison.Ordinal)) ? text : null;
    }

    /// <summary>How a code is shown: two groups of three, easier to read aloud and to copy.</summary>
    public static string Display(string code) => RoomCodeText.Display(code);
}
