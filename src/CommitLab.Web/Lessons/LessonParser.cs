using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommitLab.Web.Lessons;

/// <summary>
/// Reads lesson files: YAML front matter, Markdown prose (raw HTML disabled, pipe tables on) and the
/// special fenced blocks <c>lab</c>, <c>quiz</c> and <c>generals</c>. Every problem is reported as a
/// <see cref="LessonException"/> naming the file and the (1-based) line.
/// </summary>
public static class LessonParser
{
    public const int MaxBytes = 256 * 1024;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    public static LessonDocument ParseFile(string path, Func<string, Scenario?> findScenario)
    {
        var info = new FileInfo(path);
        var file = Path.GetFileName(path);
        if (info.Length > MaxBytes)
        {
            throw new LessonException($"{file}: the file is larger than {MaxBytes / 1024} KB");
        }

        return Parse(file, File.ReadAllText(path), findScenario);
    }

    /// <summary>Parses a lesson's text; <paramref name="file"/> names it in errors and gives the slug (file name without <c>NN-</c> and <c>.md</c>).</summary>
    public static LessonDocument Parse(string file, string text, Func<string, Scenario?> findScenario)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            throw new LessonException($"{file}: the file is larger than {MaxBytes / 1024} KB");
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new LessonException($"{file}, line 1: a lesson starts with YAML front matter between '---' lines");
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new LessonException($"{file}, line 1: the front matter is not closed by a '---' line");
        }

        var front = Yaml(file, string.Join('\n', lines[1..end]), 2, ["title", "order", "part", "minutes", "objectives"]);
        var title = Required(file, front, "title", 1);
        var order = Int(file, front, "order", 1) ?? throw Error(file, 1, "the front matter has no 'order'");
        var minutes = Int(file, front, "minutes", 1) ?? throw Error(file, 1, "the front matter has no 'minutes'");
        var objectives = List(file, front, "objectives");

        var bodyStart = end + 1; // 0-based index of the first body line
        var body = string.Join('\n', lines[bodyStart..]);
        var segments = ImmutableArray.CreateBuilder<LessonSegment>();
        var markdown = Markdown.Parse(body, Pipeline);
        var proseFrom = 0;
        var proseLine = bodyStart + 1;
        var labs = 0;
        var quizzes = 0;
        var predictions = new List<QuizBlock>();

        foreach (var block in markdown)
        {
            if (block is not FencedCodeBlock fenced || fenced.Info is not ("lab" or "quiz" or "generals"))
            {
                continue;
            }

            AddProse(segments, body[proseFrom..Math.Min(block.Span.Start, body.Length)], proseLine);
            proseFrom = Math.Min(block.Span.End + 1, body.Length);
            var line = bodyStart + block.Line + 1; // the fence line, 1-based
            proseLine = line + fenced.Lines.Count + 2;
            var yaml = fenced.Lines.ToString();
            switch (fenced.Info)
            {
                case "lab":
                    segments.Add(ParseLab(file, Yaml(file, yaml, line + 1, ["scenario", "caption", "controls", "fault"]), line, ++labs, findScenario));
                    break;
                case "quiz":
                    var quiz = ParseQuiz(file, Yaml(file, yaml, line + 1, ["question", "kind", "options", "explanation", "lab", "pauseAt", "giveaways"]), line, $"q{++quizzes}");
                    segments.Add(quiz);
                    if (quiz.Prediction)
                    {
                        predictions.Add(quiz);
                    }

                    break;
                default:
                    segments.Add(ParseGenerals(file, Yaml(file, yaml, line + 1, ["emails", "loss", "caption"]), line));
                    break;
            }
        }

        AddProse(segments, body[proseFrom..], proseLine);
        foreach (var p in predictions)
        {
            if (p.Lab is not { } n || n < 1 || n > labs)
            {
                throw Error(file, p.Line, $"the prediction quiz points at lab {p.Lab}, but the lesson has {labs} lab block(s)");
            }
        }

        return new LessonDocument(Slug(file), title, order, minutes, objectives, segments.ToImmutable())
        {
            Part = Optional(front, "part") ?? LessonDocument.DefaultPart,
        };
    }

    /// <summary>"03-three-phase.md" → "three-phase".</summary>
    public static string Slug(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && name[..dash].All(char.IsAsciiDigit) ? name[(dash + 1)..] : name;
    }

    private static void AddProse(ImmutableArray<LessonSegment>.Builder segments, string markdown, int line)
    {
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            segments.Add(new ProseBlock(line, ProseHtml(markdown)));
        }
    }

    /// <summary>
    /// The prose as HTML. A wide table scrolls sideways on a phone (lessons.css), and a region that
    /// scrolls must take keyboard focus, or someone without a pointer cannot read its right-hand
    /// columns: each table is made focusable.
    /// </summary>
    private static string ProseHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var table in document.Descendants<Markdig.Extensions.Tables.Table>())
        {
            table.GetAttributes().AddProperty("tabindex", "0");
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static LabBlock ParseLab(string file, Fields f, int line, int number, Func<string, Scenario?> findScenario)
    {
        var name = Required(file, f, "scenario", line);
        var scenario = findScenario(name) ?? throw Error(file, f.LineOf("scenario", line), $"there is no scenario called '{name}' in lessons/scenarios");
        var controls = Optional(f, "controls") ?? "locked";
        if (controls is not ("locked" or "full"))
        {
            throw Error(file, f.LineOf("controls", line), $"controls must be 'locked' or 'full', not '{controls}'");
        }

        LessonFault? fault = null;
        if (f.Map.Children.TryGetValue(new YamlScalarNode("fault"), out var node))
        {
            var faultLine = f.LineOf("fault", line);
            if (node is not YamlMappingNode map)
            {
                throw Error(file, faultLine, "fault must be a mapping with 'label' and 'do'");
            }

            var inner = new Fields(map, f.FirstLine);
            foreach (var key in inner.Keys.Where(k => k is not ("label" or "do")))
            {
                throw Error(file, inner.LineOf(key, faultLine), $"unknown key '{key}' in fault (expected label, do)");
            }

            var label = Required(file, inner, "label", faultLine);
            var doText = Required(file, inner, "do", faultLine);
            if (!FaultText.TryParseAction(doText, out var action, out string problem))
            {
                throw Error(file, inner.LineOf("do", faultLine), $"bad fault action '{doText}': {problem}");
            }

            fault = new LessonFault(label, doText, action!);
        }

        return new LabBlock(line, number, name, scenario, Optional(f, "caption"), controls == "full", fault);
    }

    private static QuizBlock ParseQuiz(string file, Fields f, int line, string id)
    {
        var question = Required(file, f, "question", line);
        var kind = Optional(f, "kind") ?? "choice";
        if (kind is not ("choice" or "prediction"))
        {
            throw Error(file, f.LineOf("kind", line), $"kind must be 'choice' or 'prediction', not '{kind}'");
        }

        if (!f.Map.Children.TryGetValue(new YamlScalarNode("options"), out var optionsNode) || optionsNode is not YamlSequenceNode sequence || sequence.Children.Count < 2)
        {
            throw Error(file, f.LineOf("options", line), "a quiz needs 'options': a list of at least two { text, correct } entries");
        }

        var options = ImmutableArray.CreateBuilder<QuizOption>();
        foreach (var item in sequence)
        {
            var itemLine = f.FirstLine + (int)item.Start.Line - 1;
            if (item is not YamlMappingNode map)
            {
                throw Error(file, itemLine, "each option is a mapping: { text: ..., correct: true }");
            }

            var option = new Fields(map, f.FirstLine);
            foreach (var key in option.Keys.Where(k => k is not ("text" or "correct")))
            {
                throw Error(file, option.LineOf(key, itemLine), $"unknown key '{key}' in an option (expected text, correct)");
            }

            var correct = Optional(option, "correct") switch
            {
                null or "false" => false,
                "true" => true,
                var other => throw Error(file, option.LineOf("correct", itemLine), $"correct must be true or false, not '{other}'"),
            };
            options.Add(new QuizOption(Required(file, option, "text", itemLine), correct));
        }

        var right = options.Count(o => o.Correct);
        if (right != 1)
        {
            throw Error(file, line, $"a quiz needs exactly one correct option, this one has {right}");
        }

        var explanation = Optional(f, "explanation");
        if (string.IsNullOrWhiteSpace(explanation))
        {
            throw Error(file, line, "a quiz needs an 'explanation'");
        }

        int? lab = null;
        long? pauseAt = null;
        if (kind == "prediction")
        {
            lab = Int(file, f, "lab", line) ?? throw Error(file, line, "a prediction quiz needs 'lab' (the 1-based number of a lab block in this lesson)");
            pauseAt = Int(file, f, "pauseAt", line) ?? throw Error(file, line, "a prediction quiz needs 'pauseAt' (a tick)");
            if (pauseAt < 0)
            {
                throw Error(file, f.LineOf("pauseAt", line), "pauseAt must be 0 or more");
            }
        }
        else if (f.Keys.Any(k => k is "lab" or "pauseAt" or "giveaways"))
        {
            throw Error(file, line, "'lab', 'pauseAt' and 'giveaways' belong to prediction quizzes (kind: prediction)");
        }

        return new QuizBlock(line, id, question, kind == "prediction", options.ToImmutable(), explanation.Trim(), lab, pauseAt)
        {
            Giveaways = Phrases(file, f, "giveaways", line),
        };
    }

    /// <summary>An optional list of short phrases, such as a prediction's giveaways.</summary>
    private static ImmutableArray<string> Phrases(string file, Fields f, string key, int line)
    {
        if (!f.Map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Any(c => c is not YamlScalarNode { Value.Length: > 0 }))
        {
            throw Error(file, f.LineOf(key, line), $"'{key}' is a list of phrases, such as [\"phrase one\", \"phrase two\"]");
        }

        return [.. sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value!.Trim())];
    }

    private static GeneralsBlock ParseGenerals(string file, Fields f, int line)
    {
        var emails = Int(file, f, "emails", line) ?? 2;
        if (emails is < 1 or > Generals.GeneralsViewModel.MaxEmails)
        {
            throw Error(file, f.LineOf("emails", line), $"emails must be between 1 and {Generals.GeneralsViewModel.MaxEmails}, not {emails}");
        }

        var lossText = Optional(f, "loss") ?? "0.1";
        var percent = lossText.EndsWith('%');
        if (!double.TryParse(lossText.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var loss) || loss < 0 || (!percent && loss > 1) || loss > 100)
        {
            throw Error(file, f.LineOf("loss", line), $"loss must be a rate between 0 and 1 (or a percentage like 20%), not '{lossText}'");
        }

        return new GeneralsBlock(line, emails, (int)Math.Round(percent ? loss : loss * 100), Optional(f, "caption"));
    }

    private sealed record Fields(YamlMappingNode Map, int FirstLine)
    {
        public IEnumerable<string> Keys => Map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

        public int LineOf(string key, int fallback) =>
            Map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key) is { } node ? FirstLine + (int)node.Start.Line - 1 : fallback;
    }

    private static Fields Yaml(string file, string yaml, int firstLine, string[] allowed)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(QuoteProse(yaml)));
        }
        catch (YamlException e)
        {
            throw Error(file, firstLine + (int)e.Start.Line - 1, $"the YAML does not parse: {e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw Error(file, firstLine, "expected YAML keys and values here");
        }

        var fields = new Fields(map, firstLine);
        foreach (var key in fields.Keys)
        {
            if (!allowed.Contains(key))
            {
                throw Error(file, fields.LineOf(key, firstLine), $"unknown key '{key}' (expected {string.Join(", ", allowed)})");
            }
        }

        return fields;
    }

    private static readonly Regex ProseValue = new(
        @"^(?<lead>\s*(?:-\s+)?(?:question|explanation|caption|label|text|title):[ \t]+)(?<value>(?!['""|>\[{]).*(?::\s|\s#).*)$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex ProseItem = new(
        @"^(?<lead>\s*-[ \t]+)(?<value>(?!['""|>\[{]|text:|correct:)[^\n]*(?::\s|\s#)[^\n]*)$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// Authors write prose in the YAML: a plain value such as "explanation: Aborting is unsafe in
    /// general: ..." is not valid YAML. Such one-line values of the prose keys (and list items) are
    /// quoted before parsing, so the colon means what the author meant. Line numbers do not move.
    /// </summary>
    private static string QuoteProse(string yaml)
    {
        static string Quote(Match m) => m.Groups["lead"].Value + "'" + m.Groups["value"].Value.TrimEnd().Replace("'", "''", StringComparison.Ordinal) + "'";
        return ProseItem.Replace(ProseValue.Replace(yaml, Quote), Quote);
    }

    private static string? Optional(Fields f, string key) =>
        f.Map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static string Required(string file, Fields f, string key, int line) =>
        Optional(f, key) is { Length: > 0 } value ? value : throw Error(file, line, $"'{key}' is missing");

    private static int? Int(string file, Fields f, string key, int line)
    {
        var text = Optional(f, key);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(file, f.LineOf(key, line), $"'{key}' must be a whole number, not '{text}'");
    }

    private static ImmutableArray<string> List(string file, Fields f, string key)
    {
        if (!f.Map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        return node is YamlSequenceNode seq
            ? [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")]
            : throw Error(file, f.LineOf(key, f.FirstLine), $"'{key}' must be a list");
    }

    private static LessonException Error(string file, int line, string problem) => new($"{file}, line {line}: {problem}");
}
