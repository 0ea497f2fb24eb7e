using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace HelpGen;

/// <summary>A parameter's binding in one parameter set.</summary>
internal sealed record SetBinding(string Set, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

internal sealed record ParamModel(string Name, Type Type, string[] Aliases, bool Wildcards, IReadOnlyList<SetBinding> Bindings, string DefaultValue)
{
    public bool IsSwitch => Type == typeof(SwitchParameter);

    /// <summary>The binding in <paramref name="set"/>, or null when the parameter is not in it.</summary>
    public SetBinding? In(string set) =>
        Bindings.FirstOrDefault(b => b.Set == set) ?? Bindings.FirstOrDefault(b => b.Set == CmdletModel.AllSets);
}

/// <summary>What the help describes of one cmdlet, read by reflection from the built module.</summary>
internal sealed record CmdletModel(string Verb, string Noun, IReadOnlyList<string> Sets, IReadOnlyList<ParamModel> Params, IReadOnlyList<Type> Outputs)
{
    public const string AllSets = "__AllParameterSets";
    public string Name => Verb + "-" + Noun;

    /// <summary>Loads ConnectTools.dll (and its dependencies, from the same folder) and reads every cmdlet class.</summary>
    public static IReadOnlyList<CmdletModel> Load(string moduleDir, string assemblyName)
    {
        var context = new ModuleLoadContext(moduleDir);
        var assembly = context.LoadFromAssemblyPath(Path.Combine(moduleDir, assemblyName));
        return assembly.GetExportedTypes()
            .Select(t => (Type: t, Cmdlet: Attrs<CmdletAttribute>(t).FirstOrDefault()))
            .Where(x => x.Cmdlet != null && !x.Type.IsAbstract)
            .Select(x => Read(x.Type, x.Cmdlet!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    // Attributes are read as metadata (CustomAttributeData), so no attribute code runs: PowerShellStandard's
    // System.Management.Automation is a stand-in for compiling against, not PowerShell itself.
    private static CmdletModel Read(Type type, CustomAttributeData cmdlet)
    {
        object? instance = null;
        try { instance = Activator.CreateInstance(type); }
        catch (Exception) { /* defaults are then shown as None */ }

        var parameters = new List<ParamModel>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var bindings = Attrs<ParameterAttribute>(property)
                .Select(p => new SetBinding(Named(p, "ParameterSetName", AllSets), Named(p, "Mandatory", false),
                                            Named(p, "Position", int.MinValue) is int pos && pos >= 0 ? pos : null,
                                            Named(p, "ValueFromPipeline", false), Named(p, "ValueFromPipelineByPropertyName", false)))
                .ToList();
            if (bindings.Count == 0) continue;
            var aliases = Attrs<AliasAttribute>(property).SelectMany(a => Values<string>(a.ConstructorArguments[0])).ToArray();
            bool wildcards = Attrs<SupportsWildcardsAttribute>(property).Any();
            parameters.Add(new ParamModel(property.Name, property.PropertyType, aliases, wildcards, bindings, DefaultOf(property, instance)));
        }

        var sets = parameters.SelectMany(p => p.Bindings).Select(b => b.Set).Where(s => s != AllSets).Distinct().ToList();
        if (sets.Count == 0) sets.Add(AllSets);
        if (Named<string?>(cmdlet, "DefaultParameterSetName", null) is string d && sets.Remove(d)) sets.Insert(0, d);
        var outputs = Attrs<OutputTypeAttribute>(type)
            .SelectMany(o => o.ConstructorArguments.SelectMany(Values<object>))
            .Select(v => v as Type ?? type.Assembly.GetType(v.ToString()!, throwOnError: true)!)
            .Distinct().ToList();
        return new CmdletModel((string)cmdlet.ConstructorArguments[0].Value!, (string)cmdlet.ConstructorArguments[1].Value!, sets, parameters, outputs);
    }

    private static IEnumerable<CustomAttributeData> Attrs<T>(MemberInfo member) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType == typeof(T));

    private static T Named<T>(CustomAttributeData a, string name, T fallback) =>
        a.NamedArguments.Where(n => n.MemberName == name).Select(n => (T)n.TypedValue.Value!).DefaultIfEmpty(fallback).First();

    /// <summary>The values of a params-array (or single) constructor argument.</summary>
    private static IEnumerable<T> Values<T>(CustomAttributeTypedArgument arg) =>
        arg.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => (T)i.Value!) : new[] { (T)arg.Value! };

    private static string DefaultOf(PropertyInfo property, object? instance)
    {
        if (property.PropertyType == typeof(SwitchParameter)) return "False";
        object? value = instance == null ? null : property.GetValue(instance);
        return value switch
        {
            null => "None",
            Array a when a.Length == 0 => "None",
            Array a => string.Join(", ", a.Cast<object>()),
            _ => value.ToString() ?? "None",
        };
    }

    /// <summary>PowerShell's short type name: String[], Int32, Hashtable, SwitchParameter.</summary>
    public static string ShortName(Type t) => Nullable.GetUnderlyingType(t) is Type u ? u.Name : t.Name;

    public static string FullName(Type t) => (Nullable.GetUnderlyingType(t) ?? t).FullName ?? t.Name;

    /// <summary>
    /// Resolves the module's own dependencies from its folder; anything the runtime or this program already has
    /// (System.*, System.Management.Automation) comes from the default context, so attribute types are shared.
    /// </summary>
    private sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private readonly string _dir;
        private readonly HashSet<string> _platform;

        public ModuleLoadContext(string dir) : base("ConnectTools-help")
        {
            _dir = dir;
            string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
            _platform = new HashSet<string>(tpa.Split(Path.PathSeparator).Select(Path.GetFileNameWithoutExtension).OfType<string>(),
                                            StringComparer.OrdinalIgnoreCase);
        }

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == null || _platform.Contains(name.Name)) return null;
            // The module keeps its dependencies in bin/ (the cmdlet assembly is at the top).
            foreach (var dir in new[] { Path.Combine(_dir, "bin"), _dir })
            {
                string path = Path.Combine(dir, name.Name + ".dll");
                if (File.Exists(path)) return LoadFromAssemblyPath(path);
            }
            return null;
        }
    }
}
