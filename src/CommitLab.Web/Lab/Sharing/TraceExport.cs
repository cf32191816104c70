using System.Globalization;
using System.Text;
using System.Text.Json;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab.Sharing;

/// <summary>
/// The Lab's trace export: one JSON document with the recording (as a scenario file, so it can be
/// replayed), the trace hash, the cursor and every event. Importing it replays the recording and
/// checks the hash, so a tampered or mismatched file is caught rather than shown.
/// </summary>
public static class TraceExport
{
    public const string Format = "commitlab-trace/1";

    /// <summary>Imports larger than this are refused unread.</summary>
    public const int MaxImportBytes = 4 * 1024 * 1024;

    public static string Write(Simulator sim)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("title", sim.Scenario.Title);
            w.WriteString("scenario", ScenarioWriter.ToYaml(sim.Recorded()));
            w.WriteNumber("events", sim.Events);
            w.WriteNumber("tick", sim.Tick);
            w.WriteString("traceHash", sim.Trace.Hash());
            w.WritePropertyName("trace");
            using (var trace = JsonDocument.Parse(sim.Trace.ToJson()))
            {
                trace.RootElement.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Reads a file the user chose: a trace export (JSON) or a scenario file (YAML). Returns the
    /// recording and cursor to load. Throws <see cref="ScenarioException"/> with a message for the user.
    /// </summary>
    public static (Scenario Recording, TimelinePosition? Cursor) Import(string fileName, string content)
    {
        if (Encoding.UTF8.GetByteCount(content) > MaxImportBytes)
        {
            throw new ScenarioException($"{fileName} is larger than {MaxImportBytes / (1024 * 1024)} MB; a CommitLab trace or scenario is far smaller");
        }

        if (!content.TrimStart().StartsWith('{'))
        {
            return (ScenarioParser.Parse(content, fileName), null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{fileName} is not valid JSON (line {e.LineNumber + 1}): export a trace from the Lab, or import a scenario .yaml file");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                throw new ScenarioException($"{fileName} is JSON but not a CommitLab trace export (its \"format\" should be \"{Format}\")");
            }

            if (!root.TryGetProperty("scenario", out var yaml) || yaml.ValueKind != JsonValueKind.String)
            {
                throw new ScenarioException($"{fileName} has no \"scenario\": the run cannot be replayed without it");
            }

            // Bounded as the Lab runs it, and checked before replaying: a forged cursor or a busy
            // scenario must not make the server replay more than any Lab run would.
            var scenario = LabSettings.Bound(ScenarioParser.Parse(yaml.GetString()!, $"{fileName} (scenario)"));
            var cursor = new TimelinePosition(ReadLong(root, "events"), ReadLong(root, "tick"));
            if (cursor.Events > scenario.MaxEvents)
            {
                throw new ScenarioException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{fileName} was exported after {cursor.Events:N0} events; the Lab replays at most {scenario.MaxEvents:N0}, so it cannot be opened here"));
            }

            if (root.TryGetProperty("traceHash", out var hash) && hash.GetString() is { } expected)
            {
                var replay = Simulator.Create(scenario);
                replay.RunUntilEvent(cursor.Events);
                if (replay.Tick < cursor.Tick)
                {
                    replay.RunUntil(cursor.Tick);
                }

                var actual = replay.Trace.Hash();
                if (actual != expected)
                {
                    throw new ScenarioException(replay.StopMessage is { } stopped
                        ? $"{fileName} cannot be replayed in the Lab: {stopped}"
                        : $"{fileName} does not replay to its own trace (hash {expected}, replay gives {actual}): the file was edited, or comes from a different CommitLab version");
                }
            }

            return (scenario, cursor);
        }
    }

    private static long ReadLong(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) && n >= 0 ? n : 0;
}
