using CommitLab.Web.Hosting;

namespace CommitLab.Web.Tests.Hosting;

public sealed class ContentRootLocatorTests : IDisposable
{
    private readonly string appDirectory = Directory.CreateTempSubdirectory("commitlab-app-").FullName;

    [Fact]
    public void A_published_app_uses_its_own_folder()
    {
        Directory.CreateDirectory(Path.Combine(appDirectory, "wwwroot"));

        Assert.Equal(appDirectory, ContentRootLocator.Choose([], appDirectory));
    }

    [Fact]
    public void Build_output_keeps_the_default_so_dotnet_run_uses_the_project_folder()
    {
        Assert.Null(ContentRootLocator.Choose([], appDirectory));
    }

    [Theory]
    [InlineData("--contentRoot=/srv/commitlab")]
    [InlineData("--contentRoot", "/srv/commitlab")]
    public void An_explicit_content_root_wins(params string[] args)
    {
        Directory.CreateDirectory(Path.Combine(appDirectory, "wwwroot"));

        Assert.Null(ContentRootLocator.Choose(args, appDirectory));
    }

    public void Dispose() => Directory.Delete(appDirectory, recursive: true);
}
