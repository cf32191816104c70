using System.Text.Json;

namespace CommitLab.Cli;

/// <summary>One set of serializer options for every JSON line the CLI prints: camelCase, one line, so scripts can read the last line.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
