using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ConnectTools.Commands.Completers
{
    /// <summary>Completes -Region from the Regions this AWSSDK.Core knows (no network).</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            return ConnectTools.Client.Partitions.KnownRegions()
                .Where(r => r.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new CompletionResult(r.Key, r.Key, CompletionResultType.ParameterValue, r.Value))
                .ToList();
        }
    }
}
