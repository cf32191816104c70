using CommitLab.Web.Explore;
using CommitLab.Web.Lab;
using CommitLab.Web.Lessons;
using CommitLab.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace CommitLab.Web.Tests.Support;

/// <summary>
/// Renders components to HTML with the framework's own <see cref="HtmlRenderer"/>, with the services
/// the app registers plus stand-ins for what only a browser connection provides (navigation, JS).
/// </summary>
public static class ComponentHtml
{
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<QuickRunService>();
        services.AddSingleton(new ExplorationGate());

        // The shipped scenarios and lessons, copied next to the tests; read only when a component asks.
        services.AddSingleton(_ => new ScenarioLibrary(Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios")));
        services.AddSingleton(sp => new LessonLibrary(Path.Combine(AppContext.BaseDirectory, "lessons"), sp.GetRequiredService<ScenarioLibrary>()));
        services.AddMudServices();
        services.AddScoped<NavigationManager, TestNavigationManager>();
        services.AddScoped<IJSRuntime, NoJsRuntime>();

        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, NullLoggerFactory.Instance);

        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters);
            var output = await renderer.RenderComponentAsync<TComponent>(view);
            return output.ToHtmlString();
        });
    }

    /// <summary>Renders a page inside a layout, the way the router would.</summary>
    public static Task<string> RenderInLayoutAsync<TPage, TLayout>()
        where TPage : IComponent
        where TLayout : LayoutComponentBase =>
        RenderAsync<LayoutView>(new Dictionary<string, object?>
        {
            [nameof(LayoutView.Layout)] = typeof(TLayout),
            [nameof(LayoutView.ChildContent)] = (RenderFragment)(builder =>
            {
                builder.OpenComponent<TPage>(0);
                builder.CloseComponent();
            }),
        });
}
