using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>The projector view is read from a link, kept in links, and a bad value opens the usual view with a note.</summary>
public class ProjectorViewTests
{
    [Theory]
    [InlineData("projector", true)]
    [InlineData(" Projector ", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("normal", false)]
    public void A_links_view_value_opens_the_projector_view_or_the_usual_one_without_a_note(string? text, bool projector)
    {
        var notes = new List<string>();

        Assert.Equal(projector, ProjectorView.Read(text, notes));
        Assert.Empty(notes);
    }

    [Fact]
    public void A_view_value_that_is_not_projector_opens_the_usual_view_and_says_why()
    {
        var notes = new List<string>();

        Assert.False(ProjectorView.Read("huge", notes));
        Assert.Equal("The link's view= value is not 'projector', so the usual view opened.", Assert.Single(notes));
    }

    [Fact]
    public void A_link_carries_the_view_only_when_it_is_on_and_the_toggle_names_what_it_does()
    {
        Assert.Equal("&view=projector", ProjectorView.Suffix(true));
        Assert.Equal("", ProjectorView.Suffix(false));
        Assert.Equal("Projector view", ProjectorView.ToggleLabel(false));
        Assert.Equal("Leave projector view", ProjectorView.ToggleLabel(true));
    }
}
