using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab;

namespace CommitLab.Components.Tests.Lab;

public sealed class SettingsPanelTests : MudTestContext
{
    [Fact]
    public void Apply_raises_the_settings_as_typed()
    {
        LabSettings? applied = null;
        var cut = Render<SettingsPanel>(p => p.Add(c => c.Current, new LabSettings()).Add(c => c.OnApply, s => applied = s));

        cut.Find("[data-testid=setting-participants]").Change("4");
        cut.Find("[data-testid=apply-settings]").Click();

        Assert.NotNull(applied);
        Assert.Equal(4, applied.Participants);
    }

    [Fact]
    public void Invalid_values_show_the_problem_and_stay_in_the_form_to_be_corrected()
    {
        var current = new LabSettings();
        LabSettings? applied = null;
        var cut = Render<SettingsPanel>(p => p.Add(c => c.Current, current).Add(c => c.OnApply, s => applied = s));

        cut.Find("[data-testid=setting-participants]").Change("12");
        cut.Find("[data-testid=apply-settings]").Click();
        // As the Lab page does: refuse settings with problems, keep the current ones, hand the problem back.
        cut.Render(p => p.Add(c => c.Current, current).Add(c => c.Problem, string.Join(" ", applied!.Problems())));

        Assert.Equal($"The Lab draws 1 to {LabSettings.MaxParticipants} participants, not 12.", cut.Find("[role=alert]").TextContent);
        Assert.Equal("12", cut.Find("[data-testid=setting-participants]").GetAttribute("value"));
    }

    [Fact]
    public void Fields_for_another_protocol_are_disabled()
    {
        var cut = Render<SettingsPanel>(p => p.Add(c => c.Current, new LabSettings()));

        cut.Find("[data-testid=setting-protocol]").Change("ThreePhase");

        Assert.True(cut.Find("[data-testid=setting-presume]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=setting-acceptors]").HasAttribute("disabled"));
    }
}
