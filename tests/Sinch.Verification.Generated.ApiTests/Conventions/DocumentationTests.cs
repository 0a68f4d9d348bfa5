using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated.AspNetCore;

namespace Sinch.Verification.Generated.ApiTests.Conventions;

/// <summary>
/// IntelliSense shows a summary on every public type and member of every package, the generated
/// ones included: they take theirs from the spec's descriptions (NSwag writes a description as
/// the summary) or from build/templates/, the hand-written ones have theirs by hand (CS1591 fails
/// their build, but not an <c>&lt;inheritdoc/&gt;</c> that leads nowhere). Read from the XML doc
/// files the packages ship, by documentation ID, the way an IDE reads them, <c>&lt;inheritdoc/&gt;</c>
/// resolved as an IDE resolves it.
/// </summary>
[TestClass]
public sealed class DocumentationTests
{
    private static readonly Assembly[] Shipped =
    {
        typeof(VerificationClient).Assembly,
        typeof(ISinchVerificationCallbackHandler).Assembly,
        typeof(VerificationEmulator).Assembly,
        typeof(Sinch.Verification.Generated.Guard.VerificationGuard).Assembly,
    };

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // Every <member name="ID"> of each shipped XML doc file (the .xml next to its assembly). One
    // dictionary per assembly: internal helpers linked into several assemblies share their IDs.
    private static readonly Dictionary<Assembly, Dictionary<string, XElement>> Docs = Shipped.ToDictionary(
        a => a,
        a => XDocument.Load(Path.ChangeExtension(a.Location, ".xml")).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal));

    private static XElement? DocOf(MemberInfo member) =>
        Docs.TryGetValue(member is Type t ? t.Assembly : member.Module.Assembly, out var docs) && docs.TryGetValue(DocId(member), out var doc) ? doc : null;

    [TestMethod]
    public void Every_public_type_and_member_has_a_summary()
    {
        var missing = new List<string>();
        var checkedCount = 0;
        foreach (var type in Shipped.SelectMany(a => a.GetExportedTypes()))
        {
            checkedCount++;
            if (!HasSummary(type))
            {
                missing.Add(DocId(type));
            }

            // A generated DTO and its hand-written half both documented: the IDE would show two summaries run together.
            if (DocOf(type)?.Elements("summary").Count() > 1)
            {
                missing.Add(DocId(type) + " (more than one summary: the spec gives it, the hand-written half should use <remarks>)");
            }

            foreach (var member in DocumentedMembers(type))
            {
                checkedCount++;
                if (!HasSummary(member))
                {
                    missing.Add(DocId(member));
                }
            }
        }

        Assert.IsTrue(checkedCount > 500, $"Only {checkedCount} public types and members found.");
        Assert.AreEqual(0, missing.Count,
            $"{missing.Count} public types and members have no summary. Generated ones take it from the spec: give the schema or property a description "
            + "(or, for what NSwag writes itself, a doc comment in build/templates/). Hand-written ones: a /// <summary>. Missing:\n  "
            + string.Join("\n  ", missing.OrderBy(m => m, StringComparer.Ordinal)));
    }

    [TestMethod]
    public void Documentation_ids_are_the_ones_the_compiler_writes()
    {
        // The lookup itself: members whose IDs are easy to get wrong (out parameters, a generic
        // method, a nested type, an operator) are found, and an <inheritdoc/> leads to the interface's summary.
        string[] ids =
        {
            DocId(typeof(Authentication.ApplicationSigner).GetMethod(nameof(Authentication.ApplicationSigner.TryParseTimestamp))!),
            DocId(typeof(Serialization.VerificationJson).GetMethod(nameof(Serialization.VerificationJson.Deserialize))!),
            DocId(typeof(VerificationStatus).GetMethod("op_Equality", new[] { typeof(VerificationStatus), typeof(VerificationStatus) })!),
        };
        foreach (var id in ids)
        {
            Assert.IsTrue(Docs[typeof(VerificationClient).Assembly].ContainsKey(id), $"No <member name=\"{id}\"> in the shipped XML docs.");
        }

        StringAssert.Contains(ids[0], "@", "An out parameter's type ends with @.");
        StringAssert.Contains(ids[1], "``1", "A generic method's ID carries its arity.");
        var guarded = typeof(Guard.GuardedVerificationClient).GetMethod(nameof(Guard.GuardedVerificationClient.StartVerificationAsync),
            new[] { typeof(StartVerificationRequest), typeof(string), typeof(System.Threading.CancellationToken) })!;
        Assert.AreEqual(Summary(typeof(IVerificationClient).GetMethod(nameof(IVerificationClient.StartVerificationAsync))!), Summary(guarded));
    }

    // What an IDE shows a summary for: declared public and protected members, without accessors
    // (the property or event has the summary), the enum's value__ field, compiler-generated members
    // (a record's EqualityContract and the like) and a delegate's Invoke/BeginInvoke/EndInvoke
    // (the delegate type has it).
    private static IEnumerable<MemberInfo> DocumentedMembers(Type type) =>
        type.GetMembers(Declared)
            .Where(IsVisible)
            .Where(m => m is not MethodInfo { IsSpecialName: true } method || method.Name.StartsWith("op_", StringComparison.Ordinal))
            .Where(m => m is not FieldInfo { IsSpecialName: true })
            .Where(m => m is not Type) // nested types are exported types of their own
            .Where(m => m.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Where(m => !(typeof(Delegate).IsAssignableFrom(type) && m is MethodBase))
            .Where(m => !IsCompilerWrittenConstructor(m));

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo e => e.AddMethod is { } add && IsVisible(add),
        _ => true,
    };

    // A class without a written constructor gets a parameterless one from the compiler: it has no
    // source to carry a doc comment, the compiler writes no <member> for it and the IDE shows the
    // class's summary at `new T()`. One that is written has a <member> entry (CS1591 requires it in
    // hand-written code), so it is checked like any other member; only an undocumented parameterless
    // constructor that is a class's only constructor is taken to be the compiler's.
    private static bool IsCompilerWrittenConstructor(MemberInfo member) =>
        member is ConstructorInfo { IsStatic: false } constructor
        && constructor.GetParameters().Length == 0
        && constructor.DeclaringType!.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Length == 1
        && DocOf(constructor) is null;

    private static bool HasSummary(MemberInfo member) => !string.IsNullOrWhiteSpace(Summary(member));

    // The summary an IDE shows: the member's own, or the one its <inheritdoc/> leads to. An
    // <inheritdoc/> that leads out of the packages (object.Equals, DelegatingHandler.SendAsync)
    // counts as missing: the IDE would show the framework's general words, not what this member does.
    private static string? Summary(MemberInfo member)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = member;
        while (current is not null && seen.Add(DocId(current)))
        {
            if (DocOf(current) is not { } doc)
            {
                return null;
            }

            if (doc.Element("summary") is { } summary && (summary.HasElements || !string.IsNullOrWhiteSpace(summary.Value)))
            {
                return string.Concat(summary.Nodes());
            }

            if (doc.Element("inheritdoc") is not { } inheritdoc)
            {
                return null;
            }

            if (inheritdoc.Attribute("cref") is { } cref)
            {
                // The compiler writes the cref as a resolved ID: read that member's docs.
                var target = Docs.Values.Select(d => d.GetValueOrDefault(cref.Value)).FirstOrDefault(d => d is not null);
                return target?.Element("summary") is { } s && !string.IsNullOrWhiteSpace(s.Value) ? string.Concat(s.Nodes()) : null;
            }

            current = InheritedFrom(current);
        }

        return null;
    }

    // Where <inheritdoc/> without cref leads: the overridden member, else the implemented interface
    // member (for a type: its base type, else its first interface).
    private static MemberInfo? InheritedFrom(MemberInfo member)
    {
        switch (member)
        {
            case Type type:
                return type.BaseType is { } b && b != typeof(object) ? b : type.GetInterfaces().FirstOrDefault();
            case MethodInfo method:
                if (method.GetBaseDefinition() is { } root && root != method)
                {
                    // The nearest override up the chain.
                    for (var t = method.DeclaringType!.BaseType; t is not null; t = t.BaseType)
                    {
                        var candidate = t.GetMethods(Declared).FirstOrDefault(m => m.GetBaseDefinition() == root);
                        if (candidate is not null)
                        {
                            return candidate;
                        }
                    }
                }

                return ImplementedInterfaceMember(method);
            case PropertyInfo property:
                var accessor = property.GetMethod ?? property.SetMethod!;
                var inherited = InheritedFrom(accessor) as MethodInfo;
                return inherited?.DeclaringType!.GetProperties(Declared).FirstOrDefault(p => p.GetMethod == inherited || p.SetMethod == inherited);
            default:
                return null;
        }
    }

    private static MethodInfo? ImplementedInterfaceMember(MethodInfo method)
    {
        var type = method.DeclaringType!;
        foreach (var contract in type.GetInterfaces())
        {
            var map = type.GetInterfaceMap(contract);
            var index = Array.IndexOf(map.TargetMethods, method);
            if (index >= 0)
            {
                return map.InterfaceMethods[index];
            }
        }

        return null;
    }

    // Documentation IDs as the C# compiler writes them (ECMA-334, annex D.4.2).
    private static string DocId(MemberInfo member) => member switch
    {
        Type type => "T:" + TypeName(type.IsGenericType ? type.GetGenericTypeDefinition() : type, definition: true),
        ConstructorInfo c => $"M:{TypeName(c.DeclaringType!, true)}.{(c.IsStatic ? "#cctor" : "#ctor")}{Parameters(c.GetParameters())}",
        MethodInfo m => $"M:{TypeName(m.DeclaringType!, true)}.{m.Name}{(m.IsGenericMethodDefinition ? "``" + m.GetGenericArguments().Length : "")}{Parameters(m.GetParameters())}"
            + (m.Name is "op_Implicit" or "op_Explicit" ? "~" + TypeName(m.ReturnType, false) : ""),
        PropertyInfo p => $"P:{TypeName(p.DeclaringType!, true)}.{p.Name}{Parameters(p.GetIndexParameters())}",
        FieldInfo f => $"F:{TypeName(f.DeclaringType!, true)}.{f.Name}",
        EventInfo e => $"E:{TypeName(e.DeclaringType!, true)}.{e.Name}",
        _ => throw new NotSupportedException(member.GetType().Name),
    };

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => TypeName(p.ParameterType, false))) + ")";

    // definition: the type's own name (Foo`1); otherwise a reference to it in a signature
    // (Foo{System.String}, `0 for a type's parameter, ``0 for a method's, @ for ref/out, [] for arrays).
    private static string TypeName(Type type, bool definition)
    {
        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!, false) + "@";
        }

        if (type.IsPointer)
        {
            return TypeName(type.GetElementType()!, false) + "*";
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return TypeName(type.GetElementType()!, false) + (rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]");
        }

        var outer = type.IsNested ? TypeName(type.DeclaringType!, true) : type.Namespace;
        var name = type.Name;
        if (!definition && type.IsGenericType)
        {
            // Arguments of the outer types come first; this type's own are the rest.
            var all = type.GetGenericArguments();
            var own = type.IsNested ? all.Skip(type.DeclaringType!.GetGenericArguments().Length).ToArray() : all;
            name = name.Split('`')[0] + (own.Length == 0 ? "" : "{" + string.Join(",", own.Select(a => TypeName(a, false))) + "}");
        }

        return string.IsNullOrEmpty(outer) ? name : outer + "." + name;
    }
}
