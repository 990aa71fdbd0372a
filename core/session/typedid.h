// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHashFunctions>
#include <QString>
#include <QUuid>

namespace mirstudio {

/**
 * A strong, typed identifier over a QUuid: a `TypedId<SourceTag>` cannot be passed where a
 * `TypedId<TrackTag>` is expected. `create()` generates a fresh random (v4) id; a default-built
 * id is null. Serialised to JSON as the UUID string without braces.
 * Value type; any thread (generation uses QUuid::createUuid, which is thread-safe).
 */
template<typename Tag>
class TypedId
{
public:
    TypedId() = default;
    explicit TypedId(const QUuid &uuid) : m_uuid(uuid) {}

    static TypedId create() { return TypedId(QUuid::createUuid()); }
    /** Parses the string form; returns a null id when `text` is not a UUID. */
    static TypedId fromString(const QString &text) { return TypedId(QUuid::fromString(text)); }

    bool isNull() const { return m_uuid.isNull(); }
    QUuid uuid() const { return m_uuid; }
    QString toString() const { return m_uuid.toString(QUuid::WithoutBraces); }

    friend bool operator==(const TypedId &a, const TypedId &b) { return a.m_uuid == b.m_uuid; }
    friend bool operator!=(const TypedId &a, const TypedId &b) { return a.m_uuid != b.m_uuid; }
    friend bool operator<(const TypedId &a, const TypedId &b) { return a.m_uuid < b.m_uuid; }
    friend size_t qHash(const TypedId &id, size_t seed = 0) { return qHash(id.m_uuid, seed); }

private:
    QUuid m_uuid;
};

struct SourceIdTag;
struct TrackIdTag;
struct ClipIdTag;

/** Identifies a MediaSource in the session's MediaPool. */
using SourceId = TypedId<SourceIdTag>;
/** Identifies a Track in a Session. */
using TrackId = TypedId<TrackIdTag>;
/** Identifies a Clip within its Track. */
using ClipId = TypedId<ClipIdTag>;

} // namespace mirstudio

template<typename Tag>
struct std::hash<mirstudio::TypedId<Tag>>
{
    size_t operator()(const mirstudio::TypedId<Tag> &id) const noexcept { return qHash(id); }
};
