using System.Text;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Scenarios;
using CommitLab.Web.Lab.Sharing;
using CommitLab.Web.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Xunit.Abstractions;

namespace CommitLab.Web.Tests.Lab;

/// <summary>
/// A seeded mutation fuzz of the share-link decoder: links to the shipped scenarios and to a long
/// lecture, in the compressed and the older plain form, damaged character by character or with their
/// scenario damaged inside. A link either opens or is refused with the reader's own error; nothing
/// else escapes (which would be an HTTP 500), and nothing hangs.
/// </summary>
public sealed class ShareLinkFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 3_000;

    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly string[] Stray = [".", "1.", "=", "%", "+", "/", " ", "\n", "\u00e9", "A", "_", "-"];

    private static string[] ValidPayloads()
    {
        var files = Directory.GetFiles(RepositoryFiles.ScenarioFolder, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText);
        // A short lecture rather than a long one: a long one's links cost milliseconds each, and the
        // fuzz is about damage, which a short one shows as well.
        var yamls = files.Append(ScenarioWriter.ToYaml(LongRuns.WithFaults(15)));
        return [.. yamls.SelectMany(yaml => new[] { ShareLink.Encode(yaml), WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(yaml)) })];
    }

    /// <summary>Damage to the link as text, or to the scenario inside it (then packed again, either way).</summary>
    private static string Mutate(string payload, Prng rng)
    {
        var at = (int)rng.NextInclusive(0, payload.Length);
        switch (rng.NextInclusive(0, 5))
        {
            case 0:
                return payload.Remove(at, (int)Math.Min(rng.NextInclusive(1, 6), payload.Length - at));
            case 1:
                return payload.Insert(at, rng.NextInclusive(0, 1) == 0 ? Base64Url[(int)rng.NextInclusive(0, Base64Url.Length - 1)].ToString() : Stray[rng.NextInclusive(0, Stray.Length - 1)]);
            case 2:
                return payload[..at];
            case 3 when payload.Length > 0:
                var chars = payload.ToCharArray();
                chars[Math.Min(at, chars.Length - 1)] = Base64Url[(int)rng.NextInclusive(0, Base64Url.Length - 1)];
                return new string(chars);
            case 3:
                return payload;
            default:
                string yaml;
                try
                {
                    yaml = ShareLink.DecodeYaml(payload, "run");
                }
                catch (ScenarioException)
                {
                    return payload;
                }

                var damaged = YamlMutator.Mutate(yaml, rng);
                return rng.NextInclusive(0, 1) == 0 ? ShareLink.Encode(damaged) : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(damaged));
        }
    }

    /// <summary>Opens the payload as both kinds of link, as the Lab would for run= and tahoe=.</summary>
    private static bool Open(string payload)
    {
        var run = Opens(() => Simulator.Create(ShareLink.Read(payload, 0, 0).Recording));
        var tahoe = Opens(() => Simulator.Create(ShareLink.ReadScenario(payload, "tahoe")));
        return run || tahoe;
    }

    private static bool Opens(Action open)
    {
        try
        {
            open();
            return true;
        }
        catch (ScenarioException e)
        {
            Assert.NotEmpty(e.Errors);
            Assert.All(e.Errors, error => Assert.True(error.Line >= 1 && error.Column >= 1, error.ToString()));
            return false;
        }
    }

    [Fact]
    public void Damaged_links_open_or_are_refused_with_the_readers_error_never_crash_or_hang()
    {
        output.WriteLine($"seed {MutationFuzz.Seed}");

        // The bound per input is far above the slowest one (under 0.2 s), so only a hang trips it.
        var tally = MutationFuzz.Run(MutationFuzz.Seed, Inputs, ValidPayloads(), Mutate, Open, TimeSpan.FromSeconds(10));

        output.WriteLine(tally.ToString());
        Assert.InRange(tally.Accepted, Inputs / 20, Inputs - (Inputs / 20));
    }
}
