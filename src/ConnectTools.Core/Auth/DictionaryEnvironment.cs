using System.Collections.Generic;

namespace ConnectTools.Auth
{
    /// <summary>Environment variables from a dictionary (tests; an empty value reads as unset).</summary>
    public sealed class DictionaryEnvironment : IEnvironmentReader
    {
        private readonly IDictionary<string, string?> _values;

        public DictionaryEnvironment(IDictionary<string, string?> values) => _values = values;

        public string? Get(string name) => _values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
    }
}
