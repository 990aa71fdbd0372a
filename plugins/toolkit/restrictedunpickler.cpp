// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/restrictedunpickler.h"

#include "plugins/toolkit/checkpointerror.h"

#include <cstring>
#include <unordered_map>

namespace mirstudio::toolkit {

namespace {

using Kind = PickleValue::Kind;

constexpr int kMaxDepth = 256;        // nesting of the result tree
constexpr int kMaxDims = 64;          // tensor rank
constexpr size_t kMaxBigIntBytes = 64;

// A value under construction. Containers refer to other nodes by index so that a memoised
// container mutated later (APPENDS, SETITEMS) is seen by every reference, without shared
// ownership and without leaks when a hostile pickle builds a cycle.
struct Node
{
    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;
    std::vector<int32_t> items;
    bool ordered = false;
    int index = -1;
};

bool storageTypeFromGlobal(const std::string &name, StorageType &type)
{
    static const std::pair<const char *, StorageType> table[] = {
        {"torch.FloatStorage", StorageType::Float32}, {"torch.DoubleStorage", StorageType::Float64},
        {"torch.HalfStorage", StorageType::Float16}, {"torch.BFloat16Storage", StorageType::BFloat16},
        {"torch.LongStorage", StorageType::Int64}, {"torch.IntStorage", StorageType::Int32},
        {"torch.ShortStorage", StorageType::Int16}, {"torch.CharStorage", StorageType::Int8},
        {"torch.ByteStorage", StorageType::UInt8}, {"torch.BoolStorage", StorageType::Bool}};
    for (const auto &[n, t] : table) {
        if (name == n) {
            type = t;
            return true;
        }
    }
    return false;
}

bool isCallableGlobal(const std::string &name)
{
    return name == "collections.OrderedDict" || name == "torch._utils._rebuild_tensor_v2"
        || name == "torch._utils._rebuild_tensor" || name == "torch._utils._rebuild_parameter"
        || name == "torch.jit._pickle.restore_type_tag";
}

/** One run of the pickle machine over one pickle. */
class Machine
{
public:
    Machine(const uint8_t *data, size_t size, size_t &pos, const std::string &part,
            std::vector<StorageRecord> &storages, std::vector<TensorRecord> &tensors)
        : m_data(data), m_size(size), m_pos(pos), m_part(part), m_storages(storages),
          m_tensors(tensors)
    {
    }

    PickleValue run();

private:
    [[noreturn]] void fail(const std::string &what) const
    {
        throw CheckpointError(m_part + " at byte " + std::to_string(m_opStart) + ": " + what);
    }

    const uint8_t *take(size_t n)
    {
        if (n > m_size - m_pos)
            fail("truncated pickle (needs " + std::to_string(n) + " more bytes, "
                 + std::to_string(m_size - m_pos) + " left)");
        const uint8_t *p = m_data + m_pos;
        m_pos += n;
        return p;
    }
    uint64_t readLE(size_t n)
    {
        const uint8_t *p = take(n);
        uint64_t v = 0;
        for (size_t i = 0; i < n; ++i)
            v |= uint64_t(p[i]) << (8 * i);
        return v;
    }
    std::string readBytes(uint64_t n)
    {
        if (n > m_size - m_pos)
            fail("truncated pickle (a string of " + std::to_string(n) + " bytes, "
                 + std::to_string(m_size - m_pos) + " left)");
        const uint8_t *p = take(size_t(n));
        return std::string(reinterpret_cast<const char *>(p), size_t(n));
    }
    std::string readLine()
    {
        const void *end = std::memchr(m_data + m_pos, '\n', m_size - m_pos);
        if (!end)
            fail("truncated pickle (unterminated line)");
        const size_t n = size_t(static_cast<const uint8_t *>(end) - (m_data + m_pos));
        std::string s = readBytes(n);
        take(1);
        return s;
    }

    int32_t make(Node node)
    {
        m_nodes.push_back(std::move(node));
        return int32_t(m_nodes.size() - 1);
    }
    int32_t makeKind(Kind kind)
    {
        Node n;
        n.kind = kind;
        return make(std::move(n));
    }
    void push(int32_t id) { m_stack.push_back(id); }
    int32_t pop()
    {
        if (m_stack.size() <= stackFloor())
            fail("stack underflow");
        const int32_t id = m_stack.back();
        m_stack.pop_back();
        return id;
    }
    int32_t top()
    {
        if (m_stack.size() <= stackFloor())
            fail("stack underflow");
        return m_stack.back();
    }
    size_t stackFloor() const { return m_marks.empty() ? 0 : m_marks.back(); }
    std::vector<int32_t> popToMark()
    {
        if (m_marks.empty())
            fail("no MARK on the stack");
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<int32_t> items(m_stack.begin() + std::ptrdiff_t(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    Node &node(int32_t id) { return m_nodes[size_t(id)]; }

    void pushInt(int64_t v)
    {
        Node n;
        n.kind = Kind::Int;
        n.integer = v;
        push(make(std::move(n)));
    }
    void pushText(Kind kind, std::string s)
    {
        Node n;
        n.kind = kind;
        n.text = std::move(s);
        push(make(std::move(n)));
    }
    void pushLong(size_t n);
    void pushGlobal(const std::string &module, const std::string &name);
    void memoPut(uint32_t key) { m_memo[key] = top(); }
    void memoGet(uint32_t key)
    {
        const auto it = m_memo.find(key);
        if (it == m_memo.end())
            fail("memo key " + std::to_string(key) + " was never stored");
        push(it->second);
    }
    void appendTo(int32_t list, const std::vector<int32_t> &items)
    {
        if (node(list).kind != Kind::List)
            fail("APPEND to a " + kindName(list));
        auto &dst = node(list).items;
        dst.insert(dst.end(), items.begin(), items.end());
    }
    void setItems(int32_t dict, const std::vector<int32_t> &kv)
    {
        if (node(dict).kind != Kind::Dict)
            fail("SETITEM on a " + kindName(dict));
        if (kv.size() % 2)
            fail("SETITEMS with an odd number of items");
        for (size_t i = 0; i < kv.size(); i += 2)
            setItem(dict, kv[i], kv[i + 1]);
    }
    void setItem(int32_t dict, int32_t key, int32_t value);
    bool sameKey(int32_t a, int32_t b);
    std::string kindName(int32_t id) { return toValue(id, 0, true).describe(); }

    void persistentLoad();
    void reduce();
    void build();
    int32_t rebuildTensor(const std::vector<int32_t> &args, bool v2);
    int32_t rebuildParameter(const std::vector<int32_t> &args);
    std::vector<int64_t> intTuple(int32_t id, const char *what);
    int64_t intOf(int32_t id, const char *what);

    PickleValue toValue(int32_t id, int depth, bool shallow = false);

    const uint8_t *m_data;
    size_t m_size;
    size_t &m_pos;
    size_t m_opStart = 0;
    const std::string &m_part;
    std::vector<StorageRecord> &m_storages;
    std::vector<TensorRecord> &m_tensors;
    std::vector<Node> m_nodes;
    std::vector<int32_t> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint32_t, int32_t> m_memo;
    size_t m_budget = 0;
};

void Machine::pushLong(size_t n)
{
    if (n > kMaxBigIntBytes)
        fail("integer of " + std::to_string(n) + " bytes is too large for a checkpoint");
    const uint8_t *p = take(n);
    if (n <= 8) {
        uint64_t v = 0;
        for (size_t i = 0; i < n; ++i)
            v |= uint64_t(p[i]) << (8 * i);
        if (n > 0 && n < 8 && (p[n - 1] & 0x80))
            v |= ~uint64_t(0) << (8 * n); // sign-extend two's complement
        pushInt(int64_t(v));
        return;
    }
    pushText(Kind::BigInt, std::string(reinterpret_cast<const char *>(p), n));
}

void Machine::pushGlobal(const std::string &module, const std::string &name)
{
    const std::string full = module + "." + name;
    StorageType ignored;
    if (!isCallableGlobal(full) && !storageTypeFromGlobal(full, ignored))
        fail("refusing global '" + full + "': checkpoints may only contain tensors");
    pushText(Kind::Global, full);
}

bool Machine::sameKey(int32_t a, int32_t b)
{
    const Node &x = node(a);
    const Node &y = node(b);
    if (x.kind != y.kind)
        return false;
    switch (x.kind) {
    case Kind::String:
    case Kind::Bytes:
    case Kind::BigInt:
        return x.text == y.text;
    case Kind::Int:
        return x.integer == y.integer;
    case Kind::Bool:
        return x.boolean == y.boolean;
    case Kind::None:
        return true;
    default:
        return a == b;
    }
}

void Machine::setItem(int32_t dict, int32_t key, int32_t value)
{
    auto &items = node(dict).items;
    for (size_t i = 0; i < items.size(); i += 2) {
        if (sameKey(items[i], key)) {
            items[i + 1] = value; // a repeated key replaces the value in place, as in Python
            return;
        }
    }
    items.push_back(key);
    items.push_back(value);
}

int64_t Machine::intOf(int32_t id, const char *what)
{
    const Node &n = node(id);
    if (n.kind == Kind::Int)
        return n.integer;
    if (n.kind == Kind::Bool)
        return n.boolean ? 1 : 0;
    fail(std::string(what) + " must be an int, got " + kindName(id));
}

std::vector<int64_t> Machine::intTuple(int32_t id, const char *what)
{
    const Node &n = node(id);
    if (n.kind != Kind::Tuple && n.kind != Kind::List)
        fail(std::string(what) + " must be a tuple of ints, got " + kindName(id));
    if (n.items.size() > size_t(kMaxDims))
        fail(std::string(what) + " has " + std::to_string(n.items.size()) + " dimensions");
    std::vector<int64_t> out;
    for (int32_t item : n.items)
        out.push_back(intOf(item, what));
    return out;
}

void Machine::persistentLoad()
{
    const int32_t pidId = pop();
    const Node pid = node(pidId);
    if (pid.kind != Kind::Tuple || pid.items.size() < 5 || pid.items.size() > 6
        || node(pid.items[0]).kind != Kind::String || node(pid.items[0]).text != "storage")
        fail("persistent id " + kindName(pidId) + " is not a ('storage', ...) record");
    StorageRecord record;
    if (node(pid.items[1]).kind != Kind::Global
        || !storageTypeFromGlobal(node(pid.items[1]).text, record.type))
        fail("persistent id names " + kindName(pid.items[1]) + " instead of a storage type");
    const Node &key = node(pid.items[2]);
    const Node &location = node(pid.items[3]);
    if (key.kind != Kind::String || location.kind != Kind::String)
        fail("storage key and location must be strings");
    if (pid.items.size() == 6 && node(pid.items[5]).kind != Kind::None)
        fail("storage views (legacy view metadata) are not supported");
    record.key = key.text;
    record.location = location.text;
    record.numel = intOf(pid.items[4], "storage size");
    if (record.numel < 0)
        fail("negative storage size " + std::to_string(record.numel));
    int index = -1;
    for (size_t i = 0; i < m_storages.size(); ++i) {
        if (m_storages[i].key == record.key) {
            if (m_storages[i].type != record.type || m_storages[i].numel != record.numel)
                fail("storage '" + record.key + "' is declared twice with different types or sizes");
            index = int(i);
        }
    }
    if (index < 0) {
        m_storages.push_back(record);
        index = int(m_storages.size() - 1);
    }
    Node n;
    n.kind = Kind::Storage;
    n.index = index;
    push(make(std::move(n)));
}

int32_t Machine::rebuildTensor(const std::vector<int32_t> &args, bool v2)
{
    if (v2 ? (args.size() < 6 || args.size() > 7) : args.size() != 4)
        fail(std::string(v2 ? "_rebuild_tensor_v2" : "_rebuild_tensor") + " called with "
             + std::to_string(args.size()) + " arguments");
    if (node(args[0]).kind != Kind::Storage)
        fail("tensor rebuilt from " + kindName(args[0]) + " instead of a storage");
    TensorRecord t;
    t.storage = node(args[0]).index;
    t.offset = intOf(args[1], "storage offset");
    t.sizes = intTuple(args[2], "tensor size");
    t.strides = intTuple(args[3], "tensor stride");
    if (v2) {
        t.requiresGrad = intOf(args[4], "requires_grad") != 0;
        const Node &hooks = node(args[5]);
        if (hooks.kind != Kind::Dict || !hooks.items.empty())
            fail("tensors with backward hooks are not supported");
        if (args.size() == 7 && node(args[6]).kind != Kind::None
            && !(node(args[6]).kind == Kind::Dict && node(args[6]).items.empty()))
            fail("tensors with metadata are not supported");
    }
    if (t.sizes.size() != t.strides.size())
        fail("tensor size and stride have different ranks");
    const StorageRecord &storage = m_storages[size_t(t.storage)];
    if (t.offset < 0)
        fail("negative storage offset");
    // The last element the view touches must lie inside the storage (128-bit: no overflow).
    __int128 last = t.offset;
    bool empty = false;
    for (size_t d = 0; d < t.sizes.size(); ++d) {
        if (t.sizes[d] < 0 || t.strides[d] < 0)
            fail("negative tensor size or stride");
        if (t.sizes[d] == 0)
            empty = true;
        else
            last += __int128(t.sizes[d] - 1) * t.strides[d];
    }
    if (!empty && last >= storage.numel)
        fail("tensor view reaches element " + std::to_string(int64_t(last > INT64_MAX ? INT64_MAX : last))
             + " of storage '" + storage.key + "' which holds " + std::to_string(storage.numel));
    m_tensors.push_back(std::move(t));
    Node n;
    n.kind = Kind::Tensor;
    n.index = int(m_tensors.size() - 1);
    return make(std::move(n));
}

int32_t Machine::rebuildParameter(const std::vector<int32_t> &args)
{
    if (args.size() != 3 || node(args[0]).kind != Kind::Tensor)
        fail("_rebuild_parameter needs (tensor, requires_grad, hooks)");
    TensorRecord t = m_tensors[size_t(node(args[0]).index)];
    t.requiresGrad = intOf(args[1], "requires_grad") != 0;
    m_tensors.push_back(std::move(t));
    Node n;
    n.kind = Kind::Tensor;
    n.index = int(m_tensors.size() - 1);
    return make(std::move(n));
}

void Machine::reduce()
{
    const int32_t argsId = pop();
    const int32_t callable = pop();
    if (node(callable).kind != Kind::Global || !isCallableGlobal(node(callable).text))
        fail("refusing to call " + kindName(callable) + ": checkpoints may only contain tensors");
    if (node(argsId).kind != Kind::Tuple)
        fail("call arguments must be a tuple, got " + kindName(argsId));
    const std::vector<int32_t> args = node(argsId).items;
    const std::string name = node(callable).text; // a copy: make() below may move the nodes
    if (name == "collections.OrderedDict") {
        const int32_t dict = makeKind(Kind::Dict);
        node(dict).ordered = true;
        if (args.size() > 1)
            fail("OrderedDict called with " + std::to_string(args.size()) + " arguments");
        if (args.size() == 1) {
            if (node(args[0]).kind != Kind::List)
                fail("OrderedDict built from " + kindName(args[0]));
            for (int32_t pair : std::vector<int32_t>(node(args[0]).items)) {
                if (node(pair).kind != Kind::Tuple || node(pair).items.size() != 2)
                    fail("OrderedDict item is not a pair");
                setItem(dict, node(pair).items[0], node(pair).items[1]);
            }
        }
        push(dict);
    } else if (name == "torch.jit._pickle.restore_type_tag") {
        // libtorch's pickler (torch::pickle_save, torch::save of a c10::Dict) wraps typed
        // containers as restore_type_tag(container, "Dict[str, Tensor]"): Python returns the
        // container unchanged, and so does this reader; nothing else is accepted around it.
        if (args.size() != 2 || node(args[1]).kind != Kind::String
            || (node(args[0]).kind != Kind::Dict && node(args[0]).kind != Kind::List))
            fail("restore_type_tag must tag a dict or list with a type string");
        push(args[0]);
    } else if (name == "torch._utils._rebuild_parameter") {
        push(rebuildParameter(args));
    } else {
        push(rebuildTensor(args, name == "torch._utils._rebuild_tensor_v2"));
    }
}

void Machine::build()
{
    const int32_t state = pop();
    const int32_t target = top();
    // OrderedDict.__reduce__ carries the instance __dict__ (a state dict's `_metadata`) as
    // BUILD state: accepted and dropped; a dict target never runs code.
    if (node(target).kind != Kind::Dict)
        fail("refusing BUILD on " + kindName(target) + ": checkpoints may only contain tensors");
    if (node(state).kind != Kind::Dict && node(state).kind != Kind::None
        && node(state).kind != Kind::Tuple)
        fail("refusing BUILD with " + kindName(state));
}

PickleValue Machine::toValue(int32_t id, int depth, bool shallow)
{
    if (depth > kMaxDepth)
        fail("pickle nests deeper than " + std::to_string(kMaxDepth) + " levels (or is cyclic)");
    if (++m_budget > 16 * m_size + 1024)
        fail("pickle expands to more values than its size justifies");
    const Node &n = node(id);
    PickleValue v;
    v.kind = n.kind;
    v.boolean = n.boolean;
    v.integer = n.integer;
    v.real = n.real;
    v.text = n.text;
    v.ordered = n.ordered;
    v.index = n.index;
    if (shallow) {
        v.items.resize(n.items.size()); // only sizes matter for describe()
        return v;
    }
    v.items.reserve(n.items.size());
    for (int32_t child : std::vector<int32_t>(n.items))
        v.items.push_back(toValue(child, depth + 1));
    return v;
}

PickleValue Machine::run()
{
    for (;;) {
        m_opStart = m_pos;
        const uint8_t op = *take(1);
        switch (op) {
        case 0x80: { // PROTO
            const uint8_t version = *take(1);
            if (version > 5)
                fail("unknown pickle protocol " + std::to_string(version));
            break;
        }
        case 0x95: take(8); break; // FRAME: a hint only
        case '}': push(makeKind(Kind::Dict)); break;
        case ']': push(makeKind(Kind::List)); break;
        case ')': push(makeKind(Kind::Tuple)); break;
        case '(': m_marks.push_back(m_stack.size()); break;
        case 'q': memoPut(uint32_t(readLE(1))); break;
        case 'r': memoPut(uint32_t(readLE(4))); break;
        case 0x94: memoPut(uint32_t(m_memo.size())); break; // MEMOIZE
        case 'h': memoGet(uint32_t(readLE(1))); break;
        case 'j': memoGet(uint32_t(readLE(4))); break;
        case 0x8c: pushText(Kind::String, readBytes(readLE(1))); break; // SHORT_BINUNICODE
        case 'X': pushText(Kind::String, readBytes(readLE(4))); break;  // BINUNICODE
        case 0x8d: pushText(Kind::String, readBytes(readLE(8))); break; // BINUNICODE8
        case 'U': pushText(Kind::String, readBytes(readLE(1))); break;  // SHORT_BINSTRING (py2)
        case 'T': pushText(Kind::String, readBytes(readLE(4))); break;  // BINSTRING (py2)
        case 'C': pushText(Kind::Bytes, readBytes(readLE(1))); break;   // SHORT_BINBYTES
        case 'B': pushText(Kind::Bytes, readBytes(readLE(4))); break;   // BINBYTES
        case 0x8e: pushText(Kind::Bytes, readBytes(readLE(8))); break;  // BINBYTES8
        case 'c': { // GLOBAL
            const std::string module = readLine();
            pushGlobal(module, readLine());
            break;
        }
        case 0x93: { // STACK_GLOBAL
            const int32_t name = pop();
            const int32_t module = pop();
            if (node(name).kind != Kind::String || node(module).kind != Kind::String)
                fail("STACK_GLOBAL needs two strings");
            pushGlobal(node(module).text, node(name).text);
            break;
        }
        case 'J': pushInt(int32_t(uint32_t(readLE(4)))); break; // BININT
        case 'K': pushInt(int64_t(readLE(1))); break;          // BININT1
        case 'M': pushInt(int64_t(readLE(2))); break;          // BININT2
        case 0x8a: pushLong(size_t(readLE(1))); break;         // LONG1
        case 0x8b: pushLong(size_t(std::min<uint64_t>(readLE(4), kMaxBigIntBytes + 1))); break;
        case 'G': { // BINFLOAT, big-endian
            const uint8_t *p = take(8);
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = (bits << 8) | p[i];
            Node n;
            n.kind = Kind::Float;
            std::memcpy(&n.real, &bits, sizeof bits);
            push(make(std::move(n)));
            break;
        }
        case 0x88:
        case 0x89: {
            Node n;
            n.kind = Kind::Bool;
            n.boolean = op == 0x88;
            push(make(std::move(n)));
            break;
        }
        case 'N': push(makeKind(Kind::None)); break;
        case 't': {
            const int32_t t = makeKind(Kind::Tuple);
            node(t).items = popToMark();
            push(t);
            break;
        }
        case 0x85:
        case 0x86:
        case 0x87: { // TUPLE1..3
            std::vector<int32_t> items(size_t(op - 0x84));
            for (size_t i = items.size(); i-- > 0;)
                items[i] = pop();
            const int32_t t = makeKind(Kind::Tuple);
            node(t).items = std::move(items);
            push(t);
            break;
        }
        case 'l': {
            const int32_t l = makeKind(Kind::List);
            node(l).items = popToMark();
            push(l);
            break;
        }
        case 'a': {
            const int32_t item = pop();
            appendTo(top(), {item});
            break;
        }
        case 'e': {
            const std::vector<int32_t> items = popToMark();
            appendTo(top(), items);
            break;
        }
        case 'd': {
            const std::vector<int32_t> kv = popToMark();
            const int32_t d = makeKind(Kind::Dict);
            setItems(d, kv);
            push(d);
            break;
        }
        case 's': {
            const int32_t value = pop();
            const int32_t key = pop();
            setItems(top(), {key, value});
            break;
        }
        case 'u': {
            const std::vector<int32_t> kv = popToMark();
            setItems(top(), kv);
            break;
        }
        case 'Q': persistentLoad(); break;
        case 'R': reduce(); break;
        case 'b': build(); break;
        case '0': pop(); break;
        case '1': popToMark(); break;
        case '2': push(top()); break;
        case '.': { // STOP
            const int32_t result = pop();
            if (!m_stack.empty() || !m_marks.empty())
                fail("pickle stops with values left on the stack");
            return toValue(result, 0);
        }
        case 'i': // INST
            fail("refusing INST of '" + readLine() + "': checkpoints may only contain tensors");
        case 0x81:
        case 0x92:
        case 'o':
            fail("refusing to create a Python object (NEWOBJ/OBJ): checkpoints may only contain "
                 "tensors");
        case 0x82:
        case 0x83:
        case 0x84:
            fail("refusing a copyreg extension (EXT opcode): checkpoints may only contain tensors");
        case 'P':
            fail("text persistent ids (protocol 0) are not supported");
        default: {
            static const char hex[] = "0123456789abcdef";
            fail(std::string("unsupported pickle opcode 0x") + hex[op >> 4] + hex[op & 15]);
        }
        }
    }
}

} // namespace

RestrictedUnpickler::RestrictedUnpickler(std::vector<StorageRecord> &storages,
                                         std::vector<TensorRecord> &tensors)
    : m_storages(storages), m_tensors(tensors)
{
}

PickleValue RestrictedUnpickler::load(const uint8_t *data, size_t size, size_t &pos,
                                      const std::string &part)
{
    if (pos > size)
        throw CheckpointError(part + ": starts past the end of the file");
    Machine machine(data, size, pos, part, m_storages, m_tensors);
    return machine.run();
}

} // namespace mirstudio::toolkit
