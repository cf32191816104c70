namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Browser tests share one <see cref="AppFixture"/> and run one after another: a second Chromium
/// and server would only compete for the machine's cores and make timings flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "CommitLab app in Chromium";
}
