using System;
using System.Management.Automation;
using System.Reflection;

namespace ConnectTools.Commands
{
    /// <summary>
    /// Runs at Import-Module. It does no network and no heavy work: it only refuses to load next to an AWSSDK.Core of
    /// another major version (AWS Tools for PowerShell v4 brings 3.x), which would break both modules later.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        internal const int RequiredMajor = 4;

        public void OnImport()
        {
            CheckAwsSdkCore();
            // Windows PowerShell 5.1 (.NET Framework) has no binding redirects for the module's dependencies
            // (System.Text.Json, System.Memory, ...): when a reference asks for a version other than the one shipped,
            // the one in the module folder is the answer. PowerShell 7 resolves these itself; the handler only runs
            // when normal resolution fails.
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
        }

        private static readonly string ModuleFolder = System.IO.Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";

        private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name ?? "";
            if (name.Length == 0 || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0) return null;
            string path = System.IO.Path.Combine(ModuleFolder, name + ".dll");
            if (!System.IO.File.Exists(path)) return null;
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                try
                {
                    if (!loaded.IsDynamic && string.Equals(loaded.Location, path, StringComparison.OrdinalIgnoreCase)) return loaded;
                }
                catch (NotSupportedException)
                {
                }
            }
            return Assembly.LoadFrom(path);
        }

        private static void CheckAwsSdkCore()
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                AssemblyName name;
                try { name = assembly.GetName(); }
                catch { continue; }
                if (!string.Equals(name.Name, "AWSSDK.Core", StringComparison.OrdinalIgnoreCase) || name.Version == null) continue;
                if (name.Version.Major == RequiredMajor) continue;
                throw new InvalidOperationException(
                    $"ConnectTools needs AWSSDK.Core {RequiredMajor}.x, but this session already loaded AWSSDK.Core {name.Version} " +
                    $"(from {SafeLocation(assembly)}), probably with an older AWS Tools for PowerShell module. " +
                    $"Start a new session and import ConnectTools first, or update AWS.Tools.* to version 5 (Update-Module AWS.Tools.Common), which uses AWSSDK.Core {RequiredMajor}.x.");
            }
        }

        private static string SafeLocation(Assembly a)
        {
            try { return string.IsNullOrEmpty(a.Location) ? "memory" : a.Location; }
            catch { return "unknown location"; }
        }
    }
}
