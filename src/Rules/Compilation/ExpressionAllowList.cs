using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;

namespace Recommender.Rules.Compilation;

/// <summary>
/// Decides whether a parsed rule expression stays inside the types rules may touch. RulesEngine's parser already
/// refuses unknown identifiers (File, Environment, Process, Activator...), but it lets any property chain through
/// (<c>item.GetType().Assembly.Location</c>), so the parsed tree is checked again here, node by node:
/// every value a node produces, every member it reads, every method it calls (with its generic arguments), every
/// constructor and every type test must belong to the allow-list. The tree that passes is the tree that is compiled.
/// </summary>
internal sealed class ExpressionAllowList
{
    /// <summary>Plain values an expression may compute with.</summary>
    private static readonly FrozenSet<Type> ScalarTypes = new[]
    {
        typeof(bool), typeof(char), typeof(string),
        typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal),
        typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
    }.ToFrozenSet();

    /// <summary>Types whose own methods and properties (static or not) expressions may use, besides the scalars.</summary>
    private static readonly FrozenSet<Type> StaticHelperTypes = new[] { typeof(Math), typeof(MathF), typeof(Enumerable) }.ToFrozenSet();

    /// <summary>Generic shapes allowed when every type argument is allowed: sequences over the inputs and the
    /// lambdas passed to Enumerable methods.</summary>
    private static readonly FrozenSet<Type> GenericShapes = new[]
    {
        typeof(Nullable<>), typeof(IEnumerable<>), typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>),
        typeof(IList<>), typeof(ICollection<>), typeof(IOrderedEnumerable<>),
        typeof(Func<>), typeof(Func<,>), typeof(Func<,,>),
    }.ToFrozenSet();

    /// <summary>Enumerable methods that manufacture sequences of any length from nothing (CPU and memory exhaustion).</summary>
    private static readonly FrozenSet<string> RefusedEnumerableMethods = new[] { "Range", "Repeat" }.ToFrozenSet();

    /// <summary>The only System.Object methods reachable; GetType, MemberwiseClone and the rest are not.</summary>
    private static readonly FrozenSet<string> ObjectMethods = new[] { "ToString", "Equals", "GetHashCode" }.ToFrozenSet();

    private static readonly FrozenSet<ExpressionType> NodeKinds = new[]
    {
        ExpressionType.Add, ExpressionType.AddChecked, ExpressionType.And, ExpressionType.AndAlso, ExpressionType.ArrayIndex,
        ExpressionType.ArrayLength, ExpressionType.Call, ExpressionType.Coalesce, ExpressionType.Conditional,
        ExpressionType.Constant, ExpressionType.Convert, ExpressionType.ConvertChecked, ExpressionType.Default,
        ExpressionType.Divide, ExpressionType.Equal, ExpressionType.ExclusiveOr, ExpressionType.GreaterThan,
        ExpressionType.GreaterThanOrEqual, ExpressionType.IsFalse, ExpressionType.IsTrue, ExpressionType.Lambda,
        ExpressionType.LeftShift, ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.MemberAccess,
        ExpressionType.Modulo, ExpressionType.Multiply, ExpressionType.MultiplyChecked, ExpressionType.Negate,
        ExpressionType.NegateChecked, ExpressionType.New, ExpressionType.NewArrayInit, ExpressionType.Not,
        ExpressionType.NotEqual, ExpressionType.OnesComplement, ExpressionType.Or, ExpressionType.OrElse,
        ExpressionType.Parameter, ExpressionType.Power, ExpressionType.RightShift, ExpressionType.Subtract,
        ExpressionType.SubtractChecked, ExpressionType.TypeAs, ExpressionType.TypeEqual, ExpressionType.TypeIs,
        ExpressionType.UnaryPlus,
    }.ToFrozenSet();

    private readonly FrozenSet<Type> _inputTypes;

    /// <param name="inputTypes">The parameter types (item, user, context, candidate): their public members are the
    /// rules' vocabulary. They must expose nothing dangerous themselves; members inherited from System.Object are
    /// still limited to <see cref="ObjectMethods"/>.</param>
    public ExpressionAllowList(IEnumerable<Type> inputTypes)
    {
        _inputTypes = inputTypes.ToFrozenSet();
    }

    /// <summary>The first construct of <paramref name="expression"/> outside the allow-list, described for a
    /// person, or null when the whole tree is allowed.</summary>
    public string? FindViolation(Expression expression)
    {
        var inspector = new Inspector(this);
        inspector.Visit(expression);
        return inspector.Violation;
    }

    /// <summary>True when a value of <paramref name="type"/> may exist in an expression.</summary>
    public bool IsAllowedValueType(Type type)
    {
        if (ScalarTypes.Contains(type) || _inputTypes.Contains(type) || type == typeof(object))
            return true;
        if (type.IsArray)
            return type.GetArrayRank() == 1 && IsAllowedValueType(type.GetElementType()!);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return GenericShapes.Contains(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowedValueType);
        return false;
    }

    private bool IsAllowedDeclaringType(Type type) =>
        ScalarTypes.Contains(type) || StaticHelperTypes.Contains(type) || _inputTypes.Contains(type)
        || (type.IsGenericType && IsAllowedValueType(type));

    private string? CheckMethod(MethodInfo method)
    {
        var declaring = method.DeclaringType!;
        if (declaring == typeof(object))
            return ObjectMethods.Contains(method.Name) ? null : $"the method object.{method.Name}, which is not allowed";
        if (!IsAllowedDeclaringType(declaring))
            return $"the method {Describe(declaring)}.{method.Name}, outside the allowed types";
        if (declaring == typeof(Enumerable) && RefusedEnumerableMethods.Contains(method.Name))
            return $"Enumerable.{method.Name}, which is not allowed (rules work over the inputs' own sequences)";
        if (method.IsGenericMethod)
        {
            foreach (var argument in method.GetGenericArguments())
            {
                if (!IsAllowedValueType(argument))
                    return $"the method {Describe(declaring)}.{method.Name} with type argument {Describe(argument)}, which is not allowed";
            }
        }
        return CheckValueType(method.ReturnType == typeof(void) ? typeof(object) : method.ReturnType, $"the result of {Describe(declaring)}.{method.Name}");
    }

    private string? CheckValueType(Type type, string what) =>
        IsAllowedValueType(type) ? null : $"{what}, of type {Describe(type)}, which is not allowed";

    /// <summary>A type's name as C# writes it: System.Collections.Generic.List&lt;System.String&gt;, not List`1[[...]].</summary>
    private static string Describe(Type type)
    {
        if (type.IsArray)
            return Describe(type.GetElementType()!) + "[]";
        if (!type.IsGenericType)
            return type.FullName ?? type.Name;
        var definition = type.GetGenericTypeDefinition();
        var name = definition.FullName ?? definition.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>";
    }

    /// <summary>Walks the whole tree once, stopping at the first violation.</summary>
    private sealed class Inspector(ExpressionAllowList allowList) : ExpressionVisitor
    {
        public string? Violation { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (node is null || Violation is not null)
                return node;
            if (!NodeKinds.Contains(node.NodeType))
                return Refuse($"the construct {node.NodeType}, which is not allowed", node);
            // A lambda's own type is its delegate; its parameters and body are checked when visited.
            if (node.NodeType != ExpressionType.Lambda && allowList.CheckValueType(node.Type, $"'{node}'") is { } reason)
                return Refuse(reason, node);
            return base.Visit(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            var member = node.Member;
            var declaring = member.DeclaringType!;
            var allowed = allowList.IsAllowedDeclaringType(declaring)
                          || (declaring == typeof(Array) && member.Name == nameof(Array.Length));
            return allowed ? base.VisitMember(node) : Refuse($"the member {Describe(declaring)}.{member.Name}, outside the allowed types", node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            allowList.CheckMethod(node.Method) is { } reason ? Refuse(reason, node) : base.VisitMethodCall(node);

        protected override Expression VisitBinary(BinaryExpression node) =>
            node.Method is { } method && allowList.CheckMethod(method) is { } reason ? Refuse(reason, node) : base.VisitBinary(node);

        protected override Expression VisitUnary(UnaryExpression node) =>
            node.Method is { } method && allowList.CheckMethod(method) is { } reason ? Refuse(reason, node) : base.VisitUnary(node);

        protected override Expression VisitNew(NewExpression node)
        {
            var type = node.Constructor?.DeclaringType ?? node.Type;
            return allowList.IsAllowedDeclaringType(type) && node.Members is null
                ? base.VisitNew(node)
                : Refuse($"constructing {Describe(type)}, which is not allowed", node);
        }

        protected override Expression VisitTypeBinary(TypeBinaryExpression node) =>
            allowList.CheckValueType(node.TypeOperand, "a type test") is { } reason ? Refuse(reason, node) : base.VisitTypeBinary(node);

        protected override Expression VisitConstant(ConstantExpression node) =>
            node.Value is { } value && allowList.CheckValueType(value.GetType(), "a constant") is { } reason
                ? Refuse(reason, node)
                : base.VisitConstant(node);

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            foreach (var parameter in node.Parameters)
            {
                if (allowList.CheckValueType(parameter.Type, $"the lambda parameter '{parameter.Name}'") is { } reason)
                    return Refuse(reason, node);
            }
            return base.VisitLambda(node);
        }

        private Expression Refuse(string reason, Expression node)
        {
            Violation ??= reason;
            return node;
        }
    }
}
