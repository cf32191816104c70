using Microsoft.Data.Sqlite;

namespace CommitLab.Web.Tests.Support;

/// <summary>A fresh folder under the system's temp directory, deleted (with its SQLite files) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "commitlab-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The folder; it does not exist until something creates it (the store does, as on a first start).</summary>
    public string Path { get; }

    public void Dispose()
    {
        // Pooled connections keep the database file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
