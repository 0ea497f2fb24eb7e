using System;
using System.Management.Automation;
using System.Reflection;

namespace ConnectTools.Commands
{
    /// <summary>
    /// Runs at Import-Module (this assembly is the root module); no network, no heavy work. On PowerShell 7 it hands
    /// ConnectTools.Core and everything behind it to ConnectTools' private load context (bin/ConnectTools.LoadContext.dll),
    /// then names the public types as type accelerators (<see cref="PublicTypeNames"/>), removed again with the module.
    /// On Windows PowerShell 5.1 (one load context for everything) it serves bin/ to the assembly resolver and refuses
    /// to load next to an AWSSDK.Core of another major version, which would break ConnectTools at its first call.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const int RequiredMajor = 4;

        internal static bool IsNetFramework =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public void OnImport()
        {
            if (!IsNetFramework)
            {
                ServeDependenciesFromLoadContext();
                PublicTypeNames.Add();
                StartWarmUp();
                return;
            }

            CheckAwsSdkCore();
            // Windows PowerShell 5.1 (.NET Framework) has no binding redirects for the module's dependencies
            // (System.Text.Json, System.Memory, ...): when a reference asks for a version other than the one shipped,
            // the one in the module folder is the answer. PowerShell 7 resolves these itself; the handler only runs
            // when normal resolution fails.
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
            StartWarmUp();
        }

        /// <summary>
        /// The call path readied on a background thread (see ConnectTools.Core's ConnectWarmUp; CONNECTTOOLS_WARMUP=0 turns
        /// it off): Import-Module does not wait for it, and the first command finds less to compile. Its own method, so
        /// ConnectTools.Core is named only once the dependencies are served.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void StartWarmUp() => WarmUp.ConnectWarmUp.Start(PowerShellWildcards.Instance, CompileCmdlets);

        /// <summary>
        /// This assembly's methods compiled ahead of their first call (it is IL only: the root module, shared with Windows
        /// PowerShell 5.1, has no ReadyToRun code), the cmdlets' first, since the first command reaches them first.
        /// Generic methods and methods of generic types are left to the JIT, which alone knows their type arguments.
        /// </summary>
        private static void CompileCmdlets()
        {
            var types = typeof(ModuleInitializer).Assembly.GetTypes();
            Array.Sort(types, (a, b) => Rank(a).CompareTo(Rank(b)));
            foreach (var type in types)
            {
                if (type.ContainsGenericParameters) continue;
                foreach (var method in type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                    Compile(method);
                foreach (var constructor in type.GetConstructors(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                    Compile(constructor);
            }
        }

        private static int Rank(Type type) =>
            typeof(PSCmdlet).IsAssignableFrom(type) ? 0 : type.Namespace == typeof(ModuleInitializer).Namespace ? 1 : 2;

        private static void Compile(MethodBase method)
        {
            if (method.IsAbstract || method.ContainsGenericParameters || (method.Attributes & MethodAttributes.PinvokeImpl) != 0) return;
            try
            {
                System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(method.MethodHandle);
            }
            catch (Exception)
            {
                // One method the JIT cannot prepare now is compiled at its first call, as without the warm-up.
            }
        }

        /// <summary>
        /// PowerShell 7: bin/ConnectTools.LoadContext.dll's private context serves ConnectTools.Core (and through it
        /// AWSSDK.*) to this assembly. PowerShell runs this initializer before it reads the cmdlets' constructors, the
        /// first thing that needs ConnectTools.Core; nothing here may name a ConnectTools.Core type. Reflection, once:
        /// the load context assembly exists only for .NET, and this assembly also runs on Windows PowerShell 5.1.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void ServeDependenciesFromLoadContext()
        {
            var loadContext = Assembly.LoadFrom(System.IO.Path.Combine(BinFolder, "ConnectTools.LoadContext.dll"));
            var serve = loadContext.GetType("ConnectTools.LoadContext.ModuleLoadContext", throwOnError: true)!
                .GetMethod("ServeDependencies", BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException("bin/ConnectTools.LoadContext.dll has no ModuleLoadContext.ServeDependencies: the module folder holds files of two builds; install it again.");
            serve.Invoke(null, new object[] { ModuleDirectory });
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (!IsNetFramework) PublicTypeNames.Remove();
        }

        /// <summary>The module's folder (where this assembly, the root module, is) and its bin folder.</summary>
        private static readonly string ModuleDirectory = System.IO.Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";
        private static readonly string BinFolder = System.IO.Path.Combine(ModuleDirectory, "bin");

        private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name ?? "";
            if (name.Length == 0 || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0) return null;
            string path = System.IO.Path.Combine(BinFolder, name + ".dll");
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
                string location = SafeLocation(assembly);
                throw new InvalidOperationException(
                    $"ConnectTools cannot load in this Windows PowerShell session: {LoadedBy(location)} already loaded AWSSDK.Core {name.Version} " +
                    $"(from {location}), and Windows PowerShell can hold only one AWSSDK.Core, while ConnectTools needs {RequiredMajor}.x. " +
                    $"Import ConnectTools first in a new session, update AWS Tools for PowerShell to version 5 (AWSSDK.Core {RequiredMajor}.x), " +
                    "or use PowerShell 7, where ConnectTools keeps its own AWSSDK.Core beside any other.");
            }
        }

        /// <summary>"the module AWS.Tools.Common" for ...\AWS.Tools.Common\4.1.5\AWSSDK.Core.dll; "another module" when unknown.</summary>
        internal static string LoadedBy(string location)
        {
            try
            {
                var dir = System.IO.Path.GetDirectoryName(location);
                if (string.IsNullOrEmpty(dir)) return "another module";
                string leaf = System.IO.Path.GetFileName(dir);
                if (Version.TryParse(leaf, out _)) leaf = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(dir)) ?? leaf;
                return string.IsNullOrEmpty(leaf) ? "another module" : "the module " + leaf;
            }
            catch (ArgumentException)
            {
                return "another module";
            }
        }

        private static string SafeLocation(Assembly a)
        {
            try { return string.IsNullOrEmpty(a.Location) ? "memory" : a.Location; }
            catch { return "unknown location"; }
        }
    }
}
