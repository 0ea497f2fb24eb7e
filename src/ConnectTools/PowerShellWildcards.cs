using System;
using System.Management.Automation;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>PowerShell's wildcard language (WildcardPattern, ignoring case) for the core's filters.</summary>
    internal sealed class PowerShellWildcards : IWildcardDialect
    {
        internal static readonly PowerShellWildcards Instance = new PowerShellWildcards();

        public Func<string, bool> Compile(string pattern) => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch;

        public bool HasWildcards(string pattern) => WildcardPattern.ContainsWildcardCharacters(pattern);
    }
}
