using CommitLab.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommitLab.Components.Tests.Layout;

public sealed class MainLayoutTests : MudTestContext
{
    private static readonly RenderFragment Page = builder => builder.AddContent(0, "the page");

    // The router hands the layout the scheme the server knew as a named cascading bool? (Routes.razor).
    private IRenderedComponent<MainLayout> RenderLayout(bool? initialDark, string path = "")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(path);
        var root = Render<CascadingValue<bool?>>(p => p
            .Add(c => c.Name, "InitialDarkMode")
            .Add(c => c.Value, initialDark)
            .Add(c => c.IsFixed, true)
            .AddChildContent<MainLayout>(layout => layout.Add(c => c.Body, Page)));
        return root.FindComponent<MainLayout>();
    }

    [Fact]
    public void The_section_the_visitor_is_in_is_marked_current_in_the_app_bar()
    {
        var cut = RenderLayout(false, "lessons/why-commit");

        var current = cut.FindAll("nav.site-nav a[aria-current=page]");
        Assert.Equal("Lessons", Assert.Single(current).TextContent);
        Assert.Equal(6, cut.FindAll("nav.site-nav a").Count);
    }

    [Fact]
    public void The_page_renders_inside_the_main_landmark()
    {
        var cut = RenderLayout(false);

        Assert.Equal("the page", cut.Find("main#main").TextContent.Trim());
    }

    [Fact]
    public void In_a_known_light_scheme_the_toggle_offers_dark_and_does_not_ask_the_browser()
    {
        var cut = RenderLayout(false);

        Assert.Equal("Switch to the dark theme", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "commitlabTheme.current");
    }

    [Fact]
    public void Clicking_the_toggle_switches_to_dark_and_remembers_the_choice()
    {
        var cut = RenderLayout(false);

        cut.Find("[data-testid=theme-toggle]").Click();

        var choose = Assert.Single(JSInterop.Invocations, i => i.Identifier == "commitlabTheme.choose");
        Assert.Equal("dark", choose.Arguments[0]);
        Assert.Equal("Switch to the light theme", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Clicking_the_toggle_twice_goes_back_to_light()
    {
        var cut = RenderLayout(true);

        cut.Find("[data-testid=theme-toggle]").Click();
        cut.Find("[data-testid=theme-toggle]").Click();

        Assert.Equal(["light", "dark"], JSInterop.Invocations.Where(i => i.Identifier == "commitlabTheme.choose").Select(i => (string)i.Arguments[0]!));
    }

    [Fact]
    public void On_a_first_visit_the_layout_takes_the_scheme_the_browser_picked()
    {
        JSInterop.Setup<string>("commitlabTheme.current").SetResult("dark");

        var cut = RenderLayout(null);

        cut.WaitForAssertion(() =>
            Assert.Equal("Switch to the light theme", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label")));
    }
}
