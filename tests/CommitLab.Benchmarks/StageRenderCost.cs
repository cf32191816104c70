using BenchmarkDotNet.Attributes;
using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor.Services;

// The render tree types are the point of this benchmark: it measures what the renderer does per update.
#pragma warning disable BL0006

namespace CommitLab.Benchmarks;

/// <summary>
/// What one classroom update costs a student's Blazor circuit on the server before anything is
/// sent: rendering the room's stage (<see cref="Stage"/>) for the next frame and diffing it
/// against the last, with the real Blazor renderer. The frames are those a room builds while the
/// instructor steps through <c>2pc-leader-crash-then-recover</c> one event at a time. Serialising the
/// render batch and sending it are not included; the setup prints how much of each update is the
/// space-time diagram, which is resent whole whenever it changes.
/// </summary>
[MemoryDiagnoser]
public class StageRenderCost : IDisposable
{
    /// <summary>Frames in the stepped run; the benchmark divides by it, so the setup checks it still holds.</summary>
    public const int FrameCount = 107;

    private readonly List<LabFrame> frames = [];
    private ServiceProvider services = null!;
    private DiscardingRenderer renderer = null!;
    private int rootId;

    [GlobalSetup]
    public void Setup()
    {
        var library = new ScenarioLibrary(Path.Combine(LabLoad.FindRepoRoot() ?? throw new InvalidOperationException("run from inside the repository (CommitLab.sln not found)"), "lessons", "scenarios"));
        using var session = new PlaybackSession();
        session.Load(library.Find("2pc-leader-crash-then-recover")!.Scenario);
        while (session.StepEvent())
        {
            frames.Add(session.Frame);
        }

        if (frames.Count != FrameCount)
        {
            throw new InvalidOperationException($"the run now has {frames.Count} frames, not {FrameCount}: update {nameof(FrameCount)}");
        }

        var svgChanges = frames.Zip(frames.Skip(1)).Where(p => p.First.SpaceTimeSvg != p.Second.SpaceTimeSvg).Select(p => p.Second.SpaceTimeSvg.Length).ToList();
        Console.WriteLine($"// {frames.Count} frames; the space-time diagram changes in {svgChanges.Count} of {frames.Count - 1} updates, {svgChanges.Average():0} characters each time (last {frames[^1].SpaceTimeSvg.Length})");

        services = new ServiceCollection().AddMudServices().AddSingleton<IJSRuntime, BrowserlessJsRuntime>().BuildServiceProvider();
        renderer = new DiscardingRenderer(services);
        rootId = renderer.Dispatcher.InvokeAsync(() => renderer.Attach(new Stage())).GetAwaiter().GetResult();
        RenderAll();
        Console.WriteLine($"// {renderer.Edits / (double)frames.Count:0} render-tree edits per update");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        renderer?.Dispose();
        services?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Renders every frame in turn; BenchmarkDotNet divides by the frame count.</summary>
    [Benchmark(OperationsPerInvoke = FrameCount)]
    public int RenderUpdate() => RenderAll();

    private int RenderAll()
    {
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            foreach (var frame in frames)
            {
                await renderer.Render(rootId, ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(Stage.Frame)] = frame, [nameof(Stage.ReadOnly)] = true, [nameof(Stage.MonitorsFirst)] = true }));
            }
        }).GetAwaiter().GetResult();
        return frames.Count;
    }

    /// <summary>The renderer a circuit uses, minus the browser: it counts the batch's edits and drops it.</summary>
    /// <summary>
    /// No browser here: the state machines' canvases ask for their size once (answered as a node card
    /// would) and to watch it (ignored), so the figures count the renderer's work, not a browser's.
    /// </summary>
    private sealed class BrowserlessJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(typeof(TValue) == typeof(Blazor.Diagrams.Core.Geometry.Rectangle)
                ? (TValue)(object)new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 300, 84)
                : default!);
    }

    private sealed class DiscardingRenderer(IServiceProvider services) : Renderer(services, NullLoggerFactory.Instance)
    {
        public long Edits { get; private set; }

        public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

        public int Attach(IComponent component) => AssignRootComponentId(component);

        public Task Render(int id, ParameterView parameters) => RenderRootComponentAsync(id, parameters);

        protected override void HandleException(Exception exception) => throw exception;

        protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
        {
            for (var i = 0; i < renderBatch.UpdatedComponents.Count; i++)
            {
                Edits += renderBatch.UpdatedComponents.Array[i].Edits.Count;
            }

            return Task.CompletedTask;
        }
    }
}
