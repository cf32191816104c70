using Microsoft.AspNetCore.Components;

namespace CommitLab.Web.Tests.Support;

/// <summary>A navigation manager parked on the home page; markup tests never navigate.</summary>
public sealed class TestNavigationManager : NavigationManager
{
    public const string BaseAddress = "http://localhost/";

    public TestNavigationManager() => Initialize(BaseAddress, BaseAddress);

    protected override void NavigateToCore(string uri, NavigationOptions options) =>
        throw new NotSupportedException($"Markup tests do not navigate (asked for {uri}).");
}
