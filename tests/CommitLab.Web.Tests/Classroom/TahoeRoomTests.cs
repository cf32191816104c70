using CommitLab.Web.Tests.Lab.Tahoe;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>The console's scenario picker and the hub's OpenRoom find scenarios in the library: the Tahoe ones are there.</summary>
public sealed class TahoeRoomTests
{
    [Fact]
    public void The_library_offers_the_tahoe_scenarios_wherever_it_lists_scenarios()
    {
        var names = TahoeSessions.Library.Scenarios.Select(s => s.Name).ToList();

        Assert.Contains("tahoe-2pc", names);
        Assert.Contains("tahoe-uncoordinated", names);
        Assert.Contains("tahoe-magic-folder", names);
    }
}
