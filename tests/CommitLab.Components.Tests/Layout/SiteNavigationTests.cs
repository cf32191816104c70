using CommitLab.Web.Components.Layout;
using CommitLab.Web.Hosting;

namespace CommitLab.Components.Tests.Layout;

public sealed class SiteNavigationTests
{
    private static SiteSection Section(string href) => SiteNavigation.Sections.Single(s => s.Href == href);

    [Theory]
    [InlineData("lab", "lab")]
    [InlineData("lab?scenario=leader-crash", "lab")]
    [InlineData("lessons/blocking", "lessons")]
    [InlineData("builder#canvas", "builder")]
    public void An_address_in_a_section_marks_it_current(string address, string href) =>
        Assert.True(SiteNavigation.IsCurrent(address, Section(href)));

    [Theory]
    [InlineData("", "lab")]
    [InlineData("laboratory", "lab")]
    [InlineData("join", "classroom")]
    public void An_address_outside_a_section_does_not(string address, string href) =>
        Assert.False(SiteNavigation.IsCurrent(address, Section(href)));

    [Theory]
    [InlineData("dark", null, true)]
    [InlineData("light", "dark", false)]
    [InlineData(null, "dark", true)]
    [InlineData(null, "light", false)]
    [InlineData(null, null, null)]
    [InlineData("purple", null, null)]
    public void The_picked_scheme_wins_over_the_systems_and_nonsense_counts_as_absent(string? choice, string? system, bool? dark) =>
        Assert.Equal(dark, ThemeCookies.IsDark(choice, system));
}
