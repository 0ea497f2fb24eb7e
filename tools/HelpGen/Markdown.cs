using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpGen;

internal enum BlockKind { Para, Item, Code, Table }

/// <summary>A paragraph, a list item (Text starts with its marker), a fenced code block or a table (Lines, one per row).</summary>
internal sealed record Block(BlockKind Kind, string Text, IReadOnlyList<string> Lines);

/// <summary>A "## " section, or a "### " subsection of one, with its lines and (for sections) subsections.</summary>
internal sealed class Section(string heading, int line)
{
    public string Heading { get; } = heading;
    public int Line { get; } = line;
    public List<string> Body { get; } = new();
    public List<Section> Subs { get; } = new();
    public IReadOnlyList<Block> Blocks => Markdown.Blocks(Body);
}

/// <summary>The small subset of Markdown the docs use (see README.md): headings, paragraphs, lists, fences, tables.</summary>
internal sealed class Markdown
{
    public string Path { get; }
    public string Title { get; private set; } = "";
    public List<Section> Sections { get; } = new();

    private Markdown(string path) => Path = path;

    public Section? this[string heading] => Sections.FirstOrDefault(s => string.Equals(s.Heading, heading, StringComparison.OrdinalIgnoreCase));

    public static Markdown Load(string path)
    {
        var doc = new Markdown(path);
        Section? section = null, sub = null;
        bool fenced = false;
        int n = 0;
        foreach (string raw in File.ReadAllLines(path))
        {
            n++;
            string line = raw.TrimEnd();
            if (line.StartsWith("```", StringComparison.Ordinal)) fenced = !fenced;
            else if (!fenced && line.StartsWith("# ", StringComparison.Ordinal)) { doc.Title = line[2..].Trim(); continue; }
            else if (!fenced && line.StartsWith("## ", StringComparison.Ordinal)) { doc.Sections.Add(section = new Section(line[3..].Trim(), n)); sub = null; continue; }
            else if (!fenced && line.StartsWith("### ", StringComparison.Ordinal) && section != null) { section.Subs.Add(sub = new Section(line[4..].Trim(), n)); continue; }
            (sub ?? section)?.Body.Add(line);
        }
        return doc;
    }

    private static readonly Regex ItemStart = new(@"^\s{0,3}([-*]|\d+\.)\s+", RegexOptions.Compiled);

    public static IReadOnlyList<Block> Blocks(IReadOnlyList<string> lines)
    {
        var blocks = new List<Block>();
        var para = new List<string>();
        void Flush()
        {
            if (para.Count > 0) blocks.Add(new Block(BlockKind.Para, Inline(string.Join(" ", para.Select(p => p.Trim()))), para.ToList()));
            para.Clear();
        }
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                var code = new List<string>();
                while (++i < lines.Count && !lines[i].StartsWith("```", StringComparison.Ordinal)) code.Add(lines[i]);
                blocks.Add(new Block(BlockKind.Code, string.Join("\n", code), code));
            }
            else if (line.TrimStart().StartsWith('|'))
            {
                Flush();
                var rows = new List<string>();
                for (; i < lines.Count && lines[i].TrimStart().StartsWith('|'); i++) rows.Add(lines[i].Trim());
                i--;
                blocks.Add(new Block(BlockKind.Table, "", rows.Where(r => !Regex.IsMatch(r, @"^\|[\s:|-]+\|$")).ToList()));
            }
            else if (ItemStart.Match(line) is { Success: true } m)
            {
                Flush();
                var text = new StringBuilder(m.Groups[1].Value + " " + line[m.Length..].Trim());
                while (i + 1 < lines.Count && lines[i + 1].StartsWith(' ') && lines[i + 1].Trim().Length > 0 && !ItemStart.IsMatch(lines[i + 1]))
                    text.Append(' ').Append(lines[++i].Trim());
                blocks.Add(new Block(BlockKind.Item, Inline(text.ToString()), new[] { line }));
            }
            else if (line.Trim().Length == 0) Flush();
            else para.Add(line);
        }
        Flush();
        return blocks;
    }

    /// <summary>Plain text of inline Markdown: [text](url) becomes "text (url)"; ** and `code` marks are dropped.</summary>
    public static string Inline(string text)
    {
        text = Regex.Replace(text, @"\[([^\]]+)\]\(([^)\s]+)\)", m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[1].Value : m.Groups[1].Value + " (" + m.Groups[2].Value + ")");
        text = Regex.Replace(text, @"\*\*(.+?)\*\*", "$1");
        return Regex.Replace(text, @"`([^`]+)`", "$1");
    }

    /// <summary>The cells of a table row; "\|" is a literal bar inside a cell.</summary>
    public static string[] Cells(string row) =>
        Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => Inline(c.Trim().Replace("\\|", "|"))).ToArray();

    /// <summary>Words of <paramref name="text"/> on lines of at most <paramref name="width"/> characters (longer words stay whole).</summary>
    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width) { lines.Add(line.ToString()); line.Clear(); }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }

    /// <summary>A table as text: columns aligned, the last one (and any over 30 characters) wrapped to fit the width.</summary>
    public static List<string> Table(IReadOnlyList<string> rows, int indent, int width)
    {
        var cells = rows.Select(Cells).ToList();
        int columns = cells.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns - 1).Select(c => Math.Min(30, cells.Max(r => c < r.Length ? r[c].Length : 0))).ToList();
        widths.Add(width - indent - widths.Sum() - 2 * (columns - 1));
        var output = new List<string>();
        for (int r = 0; r < cells.Count; r++)
        {
            var wrapped = Enumerable.Range(0, columns).Select(c => Wrap(c < cells[r].Length ? cells[r][c] : "", widths[c])).ToList();
            for (int l = 0; l < wrapped.Max(w => w.Count); l++)
                output.Add((new string(' ', indent) + string.Join("  ", wrapped.Select((w, c) => (l < w.Count ? w[l] : "").PadRight(widths[c])))).TrimEnd());
            if (r == 0) output.Add(new string(' ', indent) + string.Join("  ", widths.Select(w => new string('-', w))));
        }
        return output;
    }
}
