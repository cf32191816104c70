using CommitLab.Web.Lab.SpaceTime;

namespace CommitLab.Web.Tests.Lab.SpaceTime;

/// <summary>The space-time diagram's zoom: a fixed ladder, so in-then-out returns exactly to where it was.</summary>
public class SpaceTimeZoomTests
{
    [Fact]
    public void Zooming_in_twice_then_out_twice_returns_to_the_drawings_own_size()
    {
        var zoom = SpaceTimeZoom.Actual.In().In();

        Assert.Equal("200%", zoom.Label);
        Assert.Equal("2", zoom.Css);
        Assert.Equal(SpaceTimeZoom.Actual, zoom.Out().Out());
        Assert.True(zoom.Out().Out().IsActual);
    }

    [Fact]
    public void The_ladder_stops_at_50_and_400_percent()
    {
        var least = SpaceTimeZoom.Actual.Out().Out().Out();
        var most = Enumerable.Range(0, 10).Aggregate(SpaceTimeZoom.Actual, (z, _) => z.In());

        Assert.Equal("50%", least.Label);
        Assert.False(least.CanZoomOut);
        Assert.Equal("400%", most.Label);
        Assert.False(most.CanZoomIn);
    }

    [Theory]
    [InlineData("+", "150%")]
    [InlineData("=", "150%")]
    [InlineData("-", "75%")]
    [InlineData("0", "100%")]
    public void Keys_zoom_a_focused_diagram(string key, string expected) =>
        Assert.Equal(expected, SpaceTimeZoom.Actual.ForKey(key)!.Label);

    [Fact]
    public void Other_keys_leave_the_zoom_alone_so_the_labs_shortcuts_still_work() =>
        Assert.Null(SpaceTimeZoom.Actual.ForKey("ArrowRight"));
}
