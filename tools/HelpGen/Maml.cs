using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HelpGen;

/// <summary>Writes the MAML that Get-Help reads for a binary module's cmdlets (ConnectTools.dll-Help.xml).</summary>
internal static class Maml
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace M = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace C = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace D = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Document(IEnumerable<XElement> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", M), new XAttribute(XNamespace.Xmlns + "command", C),
                new XAttribute(XNamespace.Xmlns + "dev", D), commands));

    public static XElement Command(CmdletModel cmdlet, Markdown doc, IReadOnlyList<Example> examples)
    {
        var described = doc["PARAMETERS"]!.Subs.ToDictionary(s => s.Heading.TrimStart('-'), s => s.Blocks, System.StringComparer.OrdinalIgnoreCase);
        var ordered = cmdlet.Params.OrderBy(p => doc["PARAMETERS"]!.Subs.FindIndex(s => s.Heading.TrimStart('-') == p.Name)).ToList();
        return new XElement(C + "command",
            new XElement(C + "details",
                new XElement(C + "name", cmdlet.Name), new XElement(C + "verb", cmdlet.Verb), new XElement(C + "noun", cmdlet.Noun),
                Description(doc["SYNOPSIS"]?.Blocks)),
            Description(doc["DESCRIPTION"]?.Blocks),
            new XElement(C + "syntax", cmdlet.Sets.Select(set => SyntaxItem(cmdlet, set, ordered))),
            new XElement(C + "parameters", ordered.Select(p => Parameter(p, Aggregate(p), described[p.Name], SetsNote(cmdlet, p)))),
            new XElement(C + "inputTypes", TypeEntries(doc["INPUTS"], "inputType")),
            new XElement(C + "returnValues", TypeEntries(doc["OUTPUTS"], "returnValue")),
            new XElement(M + "alertSet", new XElement(M + "alert", Paras(doc["NOTES"]?.Blocks))),
            new XElement(C + "examples", examples.Select((e, i) => new XElement(C + "example",
                new XElement(M + "title", Title(e.Title)),
                new XElement(D + "code", e.Code),
                new XElement(D + "remarks", Paras(e.Remarks), new XElement(M + "para", ""))))),
            new XElement(C + "relatedLinks", (doc["RELATED LINKS"]?.Blocks ?? new List<Block>()).Select(Link)));
    }

    private static XElement SyntaxItem(CmdletModel cmdlet, string set, IReadOnlyList<ParamModel> ordered)
    {
        var inSet = ordered.Where(p => p.In(set) != null).ToList();
        var sorted = inSet.Where(p => p.In(set)!.Position != null).OrderBy(p => p.In(set)!.Position)
            .Concat(inSet.Where(p => p.In(set)!.Position == null && p.In(set)!.Mandatory))
            .Concat(inSet.Where(p => p.In(set)!.Position == null && !p.In(set)!.Mandatory));
        return new XElement(C + "syntaxItem", new XElement(M + "name", cmdlet.Name),
            sorted.Select(p => Parameter(p, p.In(set)!, null, null, inSyntax: true)));
    }

    /// <summary>One binding standing for all the parameter's sets: required only if required in every one of them.</summary>
    private static SetBinding Aggregate(ParamModel p) => new(CmdletModel.AllSets, p.Bindings.All(b => b.Mandatory),
        p.Bindings.Select(b => b.Position).Distinct().Count() == 1 ? p.Bindings[0].Position : null,
        p.Bindings.Any(b => b.ByValue), p.Bindings.Any(b => b.ByPropertyName));

    /// <summary>"Parameter sets: ById (optional), List (required)." for cmdlets with more than one set.</summary>
    private static string? SetsNote(CmdletModel cmdlet, ParamModel p)
    {
        if (cmdlet.Sets.Count < 2) return null;
        var mine = cmdlet.Sets.Where(s => p.In(s) != null).ToList();
        bool differ = mine.Select(s => p.In(s)!.Mandatory).Distinct().Count() > 1;
        string list = mine.Count == cmdlet.Sets.Count && !differ ? "all" :
            string.Join(", ", mine.Select(s => s + (differ ? (p.In(s)!.Mandatory ? " (required)" : " (optional)") : "")));
        return "Parameter sets: " + list + ".";
    }

    private static XElement Parameter(ParamModel p, SetBinding b, IReadOnlyList<Block>? description, string? note, bool inSyntax = false)
    {
        string pipeline = b.ByValue || b.ByPropertyName
            ? "True (" + string.Join(", ", new[] { b.ByPropertyName ? "ByPropertyName" : null, b.ByValue ? "ByValue" : null }.Where(x => x != null)) + ")"
            : "False";
        var e = new XElement(C + "parameter",
            new XAttribute("required", b.Mandatory ? "true" : "false"),
            new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"),
            new XAttribute("globbing", p.Wildcards ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", b.Position?.ToString() ?? "named"),
            new XAttribute("aliases", p.Aliases.Length == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(M + "name", p.Name));
        if (!inSyntax)
            e.Add(new XElement(M + "description", Paras(description), note == null ? null : new XElement(M + "para", note)));
        if (!(inSyntax && p.IsSwitch))
            e.Add(new XElement(C + "parameterValue", new XAttribute("required", p.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"), CmdletModel.ShortName(p.Type)));
        e.Add(new XElement(D + "type", new XElement(M + "name", CmdletModel.FullName(p.Type)), new XElement(M + "uri")));
        if (!inSyntax) e.Add(new XElement(D + "defaultValue", p.DefaultValue));
        return e;
    }

    private static IEnumerable<XElement> TypeEntries(Section? section, string element) =>
        (section?.Subs ?? new List<Section>()).Select(s => new XElement(C + element,
            new XElement(D + "type", new XElement(M + "name", s.Heading)), Description(s.Blocks)));

    private static XElement Description(IReadOnlyList<Block>? blocks) => new(M + "description", Paras(blocks));

    /// <summary>Paragraphs as maml:para; Get-Help wraps each to the window, so only code keeps its line breaks.</summary>
    private static IEnumerable<XElement> Paras(IReadOnlyList<Block>? blocks) =>
        (blocks ?? new List<Block>()).Select(b => new XElement(M + "para", b.Kind switch
        {
            BlockKind.Table => string.Join("\n", Markdown.Table(b.Lines, 0, 100)),
            BlockKind.Code => string.Join("\n", b.Lines),
            _ => b.Text,
        }));

    private static string Title(string title) => "---------- " + title + " ----------";

    private static XElement Link(Block item)
    {
        var m = Regex.Match(item.Lines[0], @"\[([^\]]+)\]\(([^)\s]+)\)");
        string text = m.Success ? m.Groups[1].Value : Regex.Replace(item.Text, @"^([-*]|\d+\.)\s+", "");
        return new XElement(M + "navigationLink", new XElement(M + "linkText", text), new XElement(M + "uri", m.Success ? m.Groups[2].Value : ""));
    }
}

/// <summary>One "### Example N: title" of a cmdlet doc: its code, the parameter sets it shows, the remarks.</summary>
internal sealed record Example(string Title, string Code, IReadOnlyList<string> Sets, IReadOnlyList<Block> Remarks, int Line);
