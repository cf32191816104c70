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
public static class ShareLink
{
    /// <summary>Longer links are refused before decoding (browsers and proxies cap URLs near 8 KB anyway).</summary>
    public const int MaxEncodedLength = 16_000;

    public static string Create(Scenario recording, TimelinePosition cursor)
    {
        var yaml = ScenarioWriter.ToYaml(recording);
        var encoded = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(yaml));
        return $"/lab?run={encoded}&e={cursor.Events}&t={cursor.Tick}";
    }

    /// <summary>Reads a link's parts back. Throws <see cref="ScenarioException"/> with a readable message for a bad one.</summary>
    public static (Scenario Recording, TimelinePosition Cursor) Read(string encodedRun, long? events, long? tick)
    {
        var scenario = ScenarioParser.Parse(DecodeYaml(encodedRun, "run"), "shared link");
        return (scenario, new TimelinePosition(Math.Max(0, events ?? 0), Math.Max(0, tick ?? 0)));
    }

    /// <summary>
    /// The scenario file a link carries, after the length bound. Throws <see cref="ScenarioException"/>
    /// naming the link's <paramref name="part"/> when it is too long or not base64url.
    /// </summary>
    internal static string DecodeYaml(string encoded, string part)
    {
        if (encoded.Length > MaxEncodedLength)
        {
            throw new ScenarioException($"this shared link is too long ({encoded.Length:N0} characters; at most {MaxEncodedLength:N0})");
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded));
        }
        catch (FormatException)
        {
            throw new ScenarioException($"this shared link is damaged: its {part}= part is not valid base64url (was it cut short when copied?)");
        }
    }
}
