using CommitLab.Web.Explore;
using Microsoft.AspNetCore.Components;

namespace CommitLab.Web.Components.Pages;

/// <summary>
/// The Explore page. All state and wording live in <see cref="ExploreViewModel"/>; this class holds
/// it, renders when it changes (from the search's thread), and cancels its search when the visitor leaves.
/// </summary>
public sealed partial class ExplorePage
{
    private bool interactive;
    private ExploreViewModel? model;

    [Inject]
    public required ExplorationGate Gate { get; set; }

    [Inject]
    public required CommitLab.Web.Lab.ScenarioLibrary Library { get; set; }

    /// <summary>A library scenario to preselect, as a lesson links to it: <c>/explore?scenario=2pc-leader-crash-after-commit&amp;crashes=1</c>.</summary>
    [SupplyParameterFromQuery(Name = "scenario")]
    public string? ScenarioName { get; set; }

    [SupplyParameterFromQuery(Name = "crashes")]
    public int? Crashes { get; set; }

    [SupplyParameterFromQuery(Name = "recoveries")]
    public int? Recoveries { get; set; }

    [SupplyParameterFromQuery(Name = "drops")]
    public int? Drops { get; set; }

    [SupplyParameterFromQuery(Name = "cuts")]
    public int? Cuts { get; set; }

    /// <summary><c>run=1</c> with a scenario starts the search as soon as the page is live, so a lesson's link lands on the answer.</summary>
    [SupplyParameterFromQuery(Name = "run")]
    public int? Run { get; set; }

    /// <summary>One per circuit, so each visitor runs (and cancels) their own search.</summary>
    public ExploreViewModel Model => model ??= Create();

    public void Dispose()
    {
        if (model is not null)
        {
            model.Changed -= OnChanged;
            model.Dispose();
        }
    }

    protected override void OnInitialized()
    {
        if (ScenarioName is { Length: > 0 } name)
        {
            Model.Preselect(name, Crashes, Recoveries, Drops, Cuts);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The prerendered page ignores clicks; browser tests wait for this attribute.
        if (firstRender)
        {
            interactive = true;
            StateHasChanged();
            if (Run == 1 && Model.IsScenario && Model.Error is null)
            {
                _ = RunAsync();
            }
        }
    }

    private ExploreViewModel Create()
    {
        var created = new ExploreViewModel(Gate, library: Library);
        created.Changed += OnChanged;
        return created;
    }

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private Task RunAsync() => Model.RunAsync();
}
