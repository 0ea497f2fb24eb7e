using System;
using System.Collections.Generic;

namespace ConnectTools.Auth
{
    /// <summary>Where environment variables are read from: the process by default, a dictionary in tests.</summary>
    public interface IEnvironmentReader
    {
        string? Get(string name);
    }

    public sealed class ProcessEnvironment : IEnvironmentReader
    {
        public static readonly ProcessEnvironment Instance = new ProcessEnvironment();

        private ProcessEnvironment() { }

        public string? Get(string name)
        {
            string? v = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(v) ? null : v;
        }
    }

    public sealed class DictionaryEnvironment : IEnvironmentReader
    {
        private readonly IDictionary<string, string?> _values;

        public DictionaryEnvironment(IDictionary<string, string?> values) => _values = values;

        public string? Get(string name) => _values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
    }
}
