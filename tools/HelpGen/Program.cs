using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpGen;

/// <summary>
/// HelpGen --module DIR --docs DIR --out DIR: checks docs/*.md against the cmdlets in DIR/ConnectTools.dll and writes
/// OUT/en-US/ConnectTools.dll-Help.xml and OUT/en-US/about_*.help.txt. Any mismatch is an error (exit 1), so the
/// help cannot silently fall behind the code.
/// </summary>
internal static class Program
{
    private const string AssemblyName = "ConnectTools.dll";
    private const int AboutWidth = 80;
    private static readonly string[] CmdletSections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };
    private static readonly string[] Required = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "OUTPUTS" };
    private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    private static readonly List<string> Errors = new();

    private static int Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || !options.ContainsKey("--module") || !options.ContainsKey("--docs") || !options.ContainsKey("--out"))
        {
            Console.Error.WriteLine("Usage: HelpGen --module <dir containing " + AssemblyName + "> --docs <docs dir> --out <dir in which to create en-US/>");
            return 2;
        }
        string moduleDir = Path.GetFullPath(options["--module"]), docsDir = Path.GetFullPath(options["--docs"]);
        string outDir = Path.Combine(Path.GetFullPath(options["--out"]), "en-US");
        if (!File.Exists(Path.Combine(moduleDir, AssemblyName))) Error(moduleDir, 0, AssemblyName + " is not in this folder; build the module first.");
        if (!Directory.Exists(docsDir)) Error(docsDir, 0, "the docs folder does not exist.");
        if (Errors.Count > 0) return Report();

        var cmdlets = CmdletModel.Load(moduleDir, AssemblyName);
        var commands = new List<System.Xml.Linq.XElement>();
        foreach (var cmdlet in cmdlets)
        {
            string path = Path.Combine(docsDir, cmdlet.Name + ".md");
            if (!File.Exists(path)) { Error(path, 0, $"{cmdlet.Name} has no help source; write {cmdlet.Name}.md (format: tools/HelpGen/README.md)."); continue; }
            var doc = Markdown.Load(path);
            var examples = Check(cmdlet, doc);
            if (Errors.Count == 0) commands.Add(Maml.Command(cmdlet, doc, examples));
        }
        foreach (string path in Directory.GetFiles(docsDir, "*-*.md"))
            if (Regex.IsMatch(Path.GetFileName(path), @"^[A-Z][a-z]+-\w+\.md$") && cmdlets.All(c => c.Name + ".md" != Path.GetFileName(path)))
                Error(path, 0, "describes a cmdlet the module does not have; delete it or add the cmdlet.");
        var abouts = Directory.GetFiles(docsDir, "about_*.md").OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Name: Path.GetFileNameWithoutExtension(p), Text: About(Markdown.Load(p)))).ToList();

        if (Errors.Count > 0) return Report();
        Directory.CreateDirectory(outDir);
        var xml = Maml.Document(commands);
        using (var writer = new StreamWriter(Path.Combine(outDir, Path.GetFileNameWithoutExtension(AssemblyName) + ".dll-Help.xml"), false, new UTF8Encoding(false)))
            xml.Save(writer);
        foreach (var (name, text) in abouts)
            File.WriteAllText(Path.Combine(outDir, name + ".help.txt"), text, new UTF8Encoding(false));
        Console.WriteLine($"HelpGen: help for {string.Join(", ", cmdlets.Select(c => c.Name))} and {abouts.Count} about topic(s) written to {outDir}");
        return 0;
    }

    /// <summary>Checks one cmdlet's doc against the code; returns its examples.</summary>
    private static List<Example> Check(CmdletModel cmdlet, Markdown doc)
    {
        if (doc.Title != cmdlet.Name) Error(doc.Path, 1, $"the title must be '# {cmdlet.Name}', not '# {doc.Title}'.");
        foreach (var s in doc.Sections.Where(s => !CmdletSections.Contains(s.Heading)))
            Error(doc.Path, s.Line, $"unknown section '## {s.Heading}'; use {string.Join(", ", CmdletSections)}.");
        foreach (string name in Required.Where(r => doc[r] == null || (doc[r]!.Blocks.Count == 0 && doc[r]!.Subs.Count == 0)))
            Error(doc.Path, 0, $"the section '## {name}' is missing or empty.");
        if (doc["PARAMETERS"] == null || doc["EXAMPLES"] == null) return new List<Example>();

        // Parameters: each one described exactly once, and nothing described that the cmdlet does not have.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sub in doc["PARAMETERS"]!.Subs)
        {
            string name = sub.Heading.TrimStart('-');
            var param = cmdlet.Params.FirstOrDefault(p => p.Name == name);
            if (!sub.Heading.StartsWith('-') || param == null)
                Error(doc.Path, sub.Line, $"'### {sub.Heading}': {cmdlet.Name} has no parameter -{name}" +
                      (param == null ? "" : " (write the heading as ### -" + name + ")") + ". Parameters: " + string.Join(", ", cmdlet.Params.Select(p => p.Name)) + ".");
            else if (!seen.Add(name)) Error(doc.Path, sub.Line, $"-{name} is described twice.");
            else if (sub.Blocks.Count == 0) Error(doc.Path, sub.Line, $"-{name} has no description.");
        }
        foreach (var p in cmdlet.Params.Where(p => !seen.Contains(p.Name) && doc["PARAMETERS"]!.Subs.All(s => s.Heading.TrimStart('-') != p.Name)))
            Error(doc.Path, doc["PARAMETERS"]!.Line, $"the parameter -{p.Name} of {cmdlet.Name} has no description; add '### -{p.Name}' under '## PARAMETERS'.");

        // Outputs: exactly the types of the [OutputType] attributes.
        var documented = (doc["OUTPUTS"]?.Subs ?? new List<Section>()).Select(s => s.Heading).ToList();
        foreach (var t in cmdlet.Outputs.Where(t => !documented.Contains(CmdletModel.FullName(t))))
            Error(doc.Path, doc["OUTPUTS"]?.Line ?? 0, $"{cmdlet.Name} outputs {CmdletModel.FullName(t)} ([OutputType]); add '### {CmdletModel.FullName(t)}' under '## OUTPUTS'.");
        foreach (var s in (doc["OUTPUTS"]?.Subs ?? new List<Section>()).Where(s => cmdlet.Outputs.All(t => CmdletModel.FullName(t) != s.Heading)))
            Error(doc.Path, s.Line, $"'### {s.Heading}' is not an [OutputType] of {cmdlet.Name} ({string.Join(", ", cmdlet.Outputs.Select(CmdletModel.FullName))}).");

        // Examples: code, the parameter sets shown, parameters that exist in those sets; every set shown at least once.
        var examples = new List<Example>();
        foreach (var sub in doc["EXAMPLES"]!.Subs)
        {
            var blocks = sub.Blocks;
            var code = blocks.FirstOrDefault(b => b.Kind == BlockKind.Code);
            var setLine = blocks.FirstOrDefault(b => b.Kind == BlockKind.Para && Regex.IsMatch(b.Text, @"^Parameter sets?:", RegexOptions.IgnoreCase));
            if (code == null || setLine == null)
            {
                Error(doc.Path, sub.Line, $"'### {sub.Heading}' needs a ```powershell code block and a 'Parameter set: <name>' line.");
                continue;
            }
            var sets = setLine.Text[(setLine.Text.IndexOf(':') + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (string set in sets.Where(s => !cmdlet.Sets.Contains(s)))
                Error(doc.Path, sub.Line, $"'### {sub.Heading}' names the parameter set '{set}'; {cmdlet.Name} has {string.Join(", ", cmdlet.Sets)}.");
            foreach (string used in UsedParameters(code.Text, cmdlet.Name).Distinct(StringComparer.OrdinalIgnoreCase))
                if (!CommonParameters.Contains(used) && !sets.Any(set => cmdlet.Params.Any(p => p.In(set) != null &&
                        (string.Equals(p.Name, used, StringComparison.OrdinalIgnoreCase) || p.Aliases.Contains(used, StringComparer.OrdinalIgnoreCase)))))
                    Error(doc.Path, sub.Line, $"'### {sub.Heading}' uses -{used}, which {cmdlet.Name} does not have in parameter set {string.Join(" or ", sets)} (give full names, not abbreviations).");
            examples.Add(new Example(sub.Heading, code.Text, sets, blocks.Where(b => b != code && b != setLine).ToList(), sub.Line));
        }
        foreach (string set in cmdlet.Sets.Where(s => examples.All(e => !e.Sets.Contains(s))))
            Error(doc.Path, doc["EXAMPLES"]!.Line, $"no example shows the parameter set '{set}' of {cmdlet.Name}; add one with the line 'Parameter set: {set}'.");
        return examples;
    }

    /// <summary>The -Name tokens given to <paramref name="cmdlet"/> in example code (up to its pipe, ';', or end of statement).</summary>
    private static IEnumerable<string> UsedParameters(string code, string cmdlet)
    {
        string s = Regex.Replace(code, @"'[^']*'|""[^""]*""", "''");
        s = Regex.Replace(s, @"#.*$", "", RegexOptions.Multiline);
        foreach (Match m in Regex.Matches(s, @"(?<![\w-])" + Regex.Escape(cmdlet) + @"(?![\w-])", RegexOptions.IgnoreCase))
        {
            int depth = 0;
            for (int i = m.Index + m.Length; i < s.Length; i++)
            {
                char c = s[i];
                if (c is '(' or '{' or '[') depth++;
                else if (c is ')' or '}' or ']') { if (--depth < 0) break; }
                else if (depth == 0 && (c is '|' or ';' || (c == '\n' && s[i - 1] != '`'))) break;
                else if (depth == 0 && c == '-' && char.IsWhiteSpace(s[i - 1]) && i + 1 < s.Length && char.IsLetter(s[i + 1]))
                {
                    string name = Regex.Match(s[(i + 1)..], @"^[A-Za-z]\w*").Value;
                    i += name.Length;
                    yield return name;
                }
            }
        }
    }

    /// <summary>
    /// An about topic as plain text: "## X" becomes a heading in capitals at the margin, "### Y" one indented by two,
    /// text is indented by four and wrapped at 80 columns, code by eight. A line that cannot fit is an error.
    /// </summary>
    private static string About(Markdown doc)
    {
        var lines = new List<string> { "TOPIC", "    " + doc.Title, "" };
        void Body(Section s)
        {
            var blocks = s.Blocks;
            for (int n = 0; n < blocks.Count; n++)
            {
                var b = blocks[n];
                if (b.Kind == BlockKind.Code) lines.AddRange(b.Lines.Select(l => l.Length == 0 ? "" : "        " + l));
                else if (b.Kind == BlockKind.Table) lines.AddRange(Markdown.Table(b.Lines, 4, AboutWidth));
                else if (b.Kind == BlockKind.Item)
                {
                    string marker = b.Text[..(b.Text.IndexOf(' ') + 1)];
                    var wrapped = Markdown.Wrap(b.Text[marker.Length..], AboutWidth - 6 - marker.Length);
                    lines.AddRange(wrapped.Select((l, i) => "      " + (i == 0 ? marker : new string(' ', marker.Length)) + l));
                }
                else lines.AddRange(Markdown.Wrap(b.Text, AboutWidth - 4).Select(l => "    " + l));
                if (b.Kind != BlockKind.Item || n + 1 == blocks.Count || blocks[n + 1].Kind != BlockKind.Item) lines.Add("");
            }
            if (lines[^1].Length > 0) lines.Add("");
        }
        foreach (var section in doc.Sections)
        {
            lines.Add(section.Heading.ToUpperInvariant());
            Body(section);
            foreach (var sub in section.Subs)
            {
                lines.Add("  " + sub.Heading.ToUpperInvariant());
                Body(sub);
            }
        }
        for (int i = 0; i < lines.Count; i++)
            if (lines[i].Length > AboutWidth) Error(doc.Path, 0, $"this line of the about topic is {lines[i].Length} characters, over {AboutWidth}: '{lines[i].Trim()}'.");
        if (!doc.Title.StartsWith("about_", StringComparison.Ordinal)) Error(doc.Path, 1, "the title must be '# about_<Name>'.");
        if (doc["SHORT DESCRIPTION"] == null || doc["LONG DESCRIPTION"] == null) Error(doc.Path, 0, "needs '## SHORT DESCRIPTION' and '## LONG DESCRIPTION'.");
        return string.Join("\n", lines).TrimEnd() + "\n";
    }

    /// <summary>MSBuild's canonical error form, so a failed build shows the file and the fix.</summary>
    private static void Error(string path, int line, string message) =>
        Errors.Add($"{path}{(line > 0 ? $"({line})" : "")}: error HELPGEN: {message}");

    private static int Report()
    {
        foreach (string e in Errors) Console.Error.WriteLine(e);
        Console.Error.WriteLine($"HelpGen: {Errors.Count} error(s); no help was written. Fix the docs (or the code) so they agree.");
        return 1;
    }
}
