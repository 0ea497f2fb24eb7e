using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ConnectTools.Commands.Completers
{
    /// <summary>Completes -Region from ConnectRegions (no network).</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            // Regions where Amazon Connect is offered first, then the others the list knows.
            return ConnectRegions.All
                .Where(r => r.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.ConnectOffered ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new CompletionResult(r.Name, r.Name, CompletionResultType.ParameterValue, r.DisplayName + (r.ConnectOffered ? "" : " (no Amazon Connect)")))
                .ToList();
        }
    }
}
