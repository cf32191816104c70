using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>
/// Field-by-field scenario comparison. Record equality would compare the immutable collections by
/// reference, and fault lines legitimately differ between two files holding the same schedule.
/// </summary>
internal static class ScenarioAssert
{
    public static void Same(Scenario expected, Scenario actual)
    {
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Protocol, actual.Protocol);
        Assert.Equal(expected.Participants, actual.Participants);
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.Network, actual.Network);
        Assert.Equal(expected.FailureDetector, actual.FailureDetector);
        Assert.Equal(expected.Timeouts, actual.Timeouts);
        Assert.Equal(expected.CooperativeTermination, actual.CooperativeTermination);
        Assert.Equal(expected.OutcomeLog, actual.OutcomeLog);
        Assert.Equal(expected.ForcedWriteTicks, actual.ForcedWriteTicks);
        Assert.Equal(expected.MaxTicks, actual.MaxTicks);
        Assert.Equal(expected.MaxEvents, actual.MaxEvents);
        Assert.Equal(expected.NoVoters.Order(StringComparer.Ordinal), actual.NoVoters.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Presume, actual.Presume);
        Assert.Equal(expected.ReadOnly.Order(StringComparer.Ordinal), actual.ReadOnly.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Faults.Select(f => (f.When, f.Do)), actual.Faults.Select(f => (f.When, f.Do)));
        Assert.Equal(expected.Tahoe is null, actual.Tahoe is null);
        if (expected.Tahoe is { } tahoe)
        {
            var other = actual.Tahoe!;
            Assert.Equal((tahoe.Writers, tahoe.Servers, tahoe.Retry, tahoe.ResendTicks, tahoe.PollTicks), (other.Writers, other.Servers, other.Retry, other.ResendTicks, other.PollTicks));
            Assert.Equal(tahoe.Starts.ToArray(), other.Starts.ToArray());
        }

        Assert.Equal(expected.Expect, actual.Expect);
    }
}
