using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>
/// Field-by-field Tahoe scenario comparison. Record equality would compare <c>Starts</c> and
/// <c>Faults</c> by reference (an immutable dictionary, and an ImmutableArray's backing array), and
/// fault lines legitimately differ between two files holding the same schedule.
/// </summary>
internal static class TahoeScenarioAssert
{
    public static void Same(TahoeScenario expected, TahoeScenario actual)
    {
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Mode, actual.Mode);
        Assert.Equal(expected.Writers, actual.Writers);
        Assert.Equal(expected.Servers, actual.Servers);
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.Network, actual.Network);
        Assert.Equal(expected.Starts.ToArray(), actual.Starts.ToArray());
        Assert.Equal(expected.Retry, actual.Retry);
        Assert.Equal(expected.ResendTicks, actual.ResendTicks);
        Assert.Equal(expected.PollTicks, actual.PollTicks);
        Assert.Equal(expected.ForcedWriteTicks, actual.ForcedWriteTicks);
        Assert.Equal(expected.MaxTicks, actual.MaxTicks);
        Assert.Equal(expected.MaxEvents, actual.MaxEvents);
        Assert.Equal(expected.Faults.Select(f => (f.When, f.Do)), actual.Faults.Select(f => (f.When, f.Do)));
        Assert.Equal(expected.Expect, actual.Expect);
    }
}
