using System;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// The wildcard language of the caller. The core decides which values are matched as patterns and how the matches
    /// combine; the caller decides what a pattern means. The cmdlets pass PowerShell's own (WildcardPattern, ignoring
    /// case), so a filter means exactly what it means everywhere else in PowerShell.
    /// </summary>
    public interface IWildcardDialect
    {
        /// <summary>A matcher for <paramref name="pattern"/> (the value is never null; a missing value is "").</summary>
        Func<string, bool> Compile(string pattern);

        /// <summary>True when <paramref name="pattern"/> holds a wildcard, false when it is a literal name.</summary>
        bool HasWildcards(string pattern);
    }
}
