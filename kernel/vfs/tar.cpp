#include "base/memory.h"
#include "kernel.h"
#include "vfs/host_api.h"
#include "vfs/path.h"

// A ustar / GNU tar reader for archives the host hands over. Archives are untrusted: every field is
// bounds-checked, every step moves forward by at least one block, and no entry may leave the target
// directory (".." is refused and symlinks are never followed while placing entries).
namespace zeroos {

namespace {

    constexpr size_t kBlock = 512;

    struct Header {
        const u8* bytes;
        const char* field(size_t offset) const { return reinterpret_cast<const char*>(bytes + offset); }
        char type() const { return static_cast<char>(bytes[156]); }
        bool is_gnu() const { return mem_compare(bytes + 257, "ustar  ", 8) == 0; }
        bool is_ustar() const { return mem_compare(bytes + 257, "ustar", 6) == 0 || is_gnu(); }
    };

    size_t bounded_length(const char* text, size_t capacity)
    {
        size_t length = 0;
        while (length < capacity && text[length])
            ++length;
        return length;
    }

    bool is_zero_block(const u8* block)
    {
        for (size_t i = 0; i < kBlock; ++i)
            if (block[i])
                return false;
        return true;
    }

    // An octal field, NUL- or space-terminated, or GNU's base-256 form for large numbers.
    ErrorOr<u64> parse_number(const char* field, size_t width)
    {
        auto first = static_cast<u8>(field[0]);
        if (first & 0x80) {
            if (first != 0x80)
                return Error::from_errno(EINVAL); // negative or absurdly large
            u64 value = 0;
            for (size_t i = 1; i < width; ++i) {
                if (value >> 56)
                    return Error::from_errno(EINVAL);
                value = (value << 8) | static_cast<u8>(field[i]);
            }
            return value;
        }
        size_t i = 0;
        while (i < width && field[i] == ' ')
            ++i;
        u64 value = 0;
        for (; i < width && field[i] != '\0' && field[i] != ' '; ++i) {
            if (field[i] < '0' || field[i] > '7' || (value >> 60))
                return Error::from_errno(EINVAL);
            value = value * 8 + static_cast<u64>(field[i] - '0');
        }
        return value;
    }

    // The sum of a header's bytes with its checksum field counted as spaces, what both the field
    // holds and readers compare it with.
    u64 header_checksum(const u8* header)
    {
        u64 sum = 0;
        for (size_t i = 0; i < kBlock; ++i)
            sum += (i >= 148 && i < 156) ? u8(' ') : header[i];
        return sum;
    }

    bool checksum_matches(const Header& header)
    {
        auto stored = parse_number(header.field(148), 8);
        return !stored.is_error() && header_checksum(header.bytes) == stored.value();
    }

    // A name from the archive with its empty and "." components removed; ".." is refused.
    struct CleanPath {
        char bytes[kPathMax];
        size_t length = 0;
    };

    ErrorOr<void> clean(CleanPath& out, const char* name, size_t length)
    {
        out.length = 0;
        for (size_t i = 0; i < length;) {
            size_t begin = i;
            while (i < length && name[i] != '/')
                ++i;
            size_t component = i - begin;
            while (i < length && name[i] == '/')
                ++i;
            if (component == 0 || (component == 1 && name[begin] == '.'))
                continue;
            if ((component == 2 && name[begin] == '.' && name[begin + 1] == '.') || component > abi::name_max)
                return Error::from_errno(EINVAL);
            if (out.length + component + 2 > sizeof(out.bytes))
                return Error::from_errno(EINVAL);
            if (out.length)
                out.bytes[out.length++] = '/';
            mem_copy(out.bytes + out.length, name + begin, component);
            out.length += component;
        }
        out.bytes[out.length] = '\0';
        return {};
    }

    // Path buffers for one import, kept off the (small, on RISC-V) kernel stack.
    struct Scratch {
        CleanPath name;
        CleanPath link_target;
        CleanPath long_name;
        CleanPath long_link;
    };

    struct Place {
        Directory* directory;
        const char* name;
        size_t length;
    };

    // The directory that will hold `path` below `base` and its last name. Missing directories on
    // the way are created when `create`; a symlink or file on the way is refused.
    ErrorOr<Place> place_below(Kernel& kernel, Directory& base, const CleanPath& path, bool create)
    {
        if (path.length == 0)
            return Error::from_errno(EINVAL);
        Directory* directory = &base;
        size_t i = 0;
        while (true) {
            size_t begin = i;
            while (i < path.length && path.bytes[i] != '/')
                ++i;
            if (i == path.length)
                return Place { directory, path.bytes + begin, i - begin };
            DirEntry* entry = directory->find(path.bytes + begin, i - begin);
            if (!entry) {
                if (!create)
                    return Error::from_errno(EINVAL);
                auto made = TRY(kernel.vfs().create_directory(*directory, path.bytes + begin, i - begin, 0755));
                directory = static_cast<Directory*>(made.ptr());
            } else if (entry->inode->is_directory()) {
                directory = static_cast<Directory*>(entry->inode.ptr());
            } else {
                return Error::from_errno(EINVAL);
            }
            ++i;
        }
    }

    // Removes a non-directory already at `place` (an archive may repeat a name; the last wins).
    ErrorOr<void> clear_place(const Place& place)
    {
        DirEntry* entry = place.directory->find(place.name, place.length);
        if (!entry)
            return {};
        if (entry->inode->is_directory())
            return Error::from_errno(EINVAL);
        --entry->inode->nlink;
        place.directory->remove(entry);
        return {};
    }

    struct Entry {
        char type;
        u32 mode;
        const u8* data;
        u64 size;
        const char* name;
        size_t name_length;
        const char* link;
        size_t link_length;
    };

    ErrorOr<void> extract(Kernel& kernel, Directory& base, const Entry& entry, Scratch& scratch)
    {
        auto& vfs = kernel.vfs();
        TRY(clean(scratch.name, entry.name, entry.name_length));
        if (scratch.name.length == 0)
            return entry.type == '5' ? ErrorOr<void>() : ErrorOr<void>(Error::from_errno(EINVAL));
        auto place = TRY(place_below(kernel, base, scratch.name, true));
        switch (entry.type) {
        case '5': {
            DirEntry* existing = place.directory->find(place.name, place.length);
            if (existing && existing->inode->is_directory()) {
                existing->inode->mode = abi::s_ifdir | entry.mode;
                return {};
            }
            TRY(clear_place(place));
            TRY(vfs.create_directory(*place.directory, place.name, place.length, entry.mode));
            return {};
        }
        case '2':
            if (entry.link_length == 0)
                return Error::from_errno(EINVAL);
            TRY(clear_place(place));
            TRY(vfs.create_symlink(*place.directory, place.name, place.length, entry.link, entry.link_length));
            return {};
        case '1': {
            // Hard link targets name another archive member, relative to the same directory.
            TRY(clean(scratch.link_target, entry.link, entry.link_length));
            auto source_place = TRY(place_below(kernel, base, scratch.link_target, false));
            DirEntry* source = source_place.directory->find(source_place.name, source_place.length);
            if (!source || source->inode->is_directory())
                return Error::from_errno(EINVAL);
            RefPtr<Inode> inode = source->inode;
            if (DirEntry* existing = place.directory->find(place.name, place.length); existing && existing->inode == inode)
                return {};
            TRY(clear_place(place));
            TRY(place.directory->add(place.name, place.length, inode));
            ++inode->nlink;
            return {};
        }
        default: {
            TRY(clear_place(place));
            auto inode = TRY(vfs.create_regular_file(*place.directory, place.name, place.length, entry.mode));
            TRY(static_cast<RegularFile&>(*inode).write_from(0, entry.data, static_cast<size_t>(entry.size)));
            return {};
        }
        }
    }

    ErrorOr<void> import(Kernel& kernel, const u8* archive, size_t size, Directory& base, Scratch& scratch)
    {
        CleanPath& long_name = scratch.long_name;
        CleanPath& long_link = scratch.long_link;
        bool have_long_name = false, have_long_link = false;
        size_t offset = 0;
        while (true) {
            if (size - offset < kBlock)
                return Error::from_errno(EINVAL); // no end-of-archive block
            Header header { archive + offset };
            if (is_zero_block(header.bytes))
                return {};
            if (!header.is_ustar() || !checksum_matches(header))
                return Error::from_errno(EINVAL);
            u64 data_size = TRY(parse_number(header.field(124), 12));
            size_t data_offset = offset + kBlock;
            if (data_size > size - data_offset)
                return Error::from_errno(EINVAL);
            u64 padded = align_up(data_size, kBlock);
            const u8* data = archive + data_offset;
            offset = padded > size - data_offset ? size : data_offset + static_cast<size_t>(padded);

            char type = header.type();
            if (type == 'L' || type == 'K') {
                CleanPath& target = type == 'L' ? long_name : long_link;
                size_t length = bounded_length(reinterpret_cast<const char*>(data), static_cast<size_t>(data_size));
                if (length >= sizeof(target.bytes))
                    return Error::from_errno(EINVAL);
                mem_copy(target.bytes, data, length);
                target.length = length;
                (type == 'L' ? have_long_name : have_long_link) = true;
                continue;
            }

            Entry entry {};
            entry.type = type == '\0' || type == '7' ? '0' : type;
            entry.mode = static_cast<u32>(TRY(parse_number(header.field(100), 8)) & 07777);
            entry.data = data;
            entry.size = data_size;
            // The name: a GNU long name, else the ustar prefix and name joined.
            char joined[155 + 1 + 100];
            if (have_long_name) {
                entry.name = long_name.bytes, entry.name_length = long_name.length;
            } else {
                size_t name_length = bounded_length(header.field(0), 100);
                size_t prefix_length = header.is_gnu() ? 0 : bounded_length(header.field(345), 155);
                size_t length = 0;
                if (prefix_length) {
                    mem_copy(joined, header.field(345), prefix_length);
                    joined[prefix_length] = '/';
                    length = prefix_length + 1;
                }
                mem_copy(joined + length, header.field(0), name_length);
                entry.name = joined, entry.name_length = length + name_length;
            }
            if (have_long_link)
                entry.link = long_link.bytes, entry.link_length = long_link.length;
            else
                entry.link = header.field(157), entry.link_length = bounded_length(header.field(157), 100);
            have_long_name = have_long_link = false;

            if (entry.type == '0' || entry.type == '1' || entry.type == '2' || entry.type == '5')
                TRY(extract(kernel, base, entry, scratch));
            // Other types (devices, fifos, pax headers, sparse files) are skipped.
        }
    }

} // namespace

ErrorOr<void> vfs_import_tar(Kernel& kernel, const void* archive, size_t size, const char* directory)
{
    TRY(vfs_make_directories(kernel, directory));
    auto base = TRY(resolve_existing(kernel, abi::at_fdcwd, directory, str_length(directory), true));
    if (!base->is_directory())
        return Error::from_errno(ENOTDIR);
    auto* scratch = make<Scratch>();
    if (!scratch)
        return Error::from_errno(ENOMEM);
    auto imported = import(kernel, static_cast<const u8*>(archive), size, static_cast<Directory&>(*base), *scratch);
    destroy(scratch);
    return imported;
}

} // namespace zeroos

// The writer: what the guest changed, for the platform to carry back to the host.
namespace zeroos {

namespace {

    // Fills a numeric header field: width - 1 octal digits and a NUL.
    void put_octal(u8* field, size_t width, u64 value)
    {
        field[width - 1] = 0;
        for (size_t i = width - 1; i-- > 0; value >>= 3)
            field[i] = static_cast<u8>('0' + (value & 7));
    }

    struct ExportState {
        Kernel& kernel;
        const char* directory; // the guest directory being walked, absolute
        ArchiveSink sink;
        void* context;
        char* path; // scratch: directory + "/" + relative, kPathMax bytes
        Error failure;
    };

    void emit(ExportState& state, const void* data, size_t size) { state.sink(state.context, data, size); }

    void emit_padding(ExportState& state, u64 size)
    {
        static constexpr u8 kZeros[kBlock] = {};
        if (size % kBlock)
            emit(state, kZeros, kBlock - size % kBlock);
    }

    // A GNU header: the name's first 100 bytes, the numbers, the checksum.
    void fill_header(u8* header, const char* name, size_t length, char type, u32 mode, u64 size)
    {
        mem_set(header, 0, kBlock);
        mem_copy(header, name, min<size_t>(length, 100));
        put_octal(header + 100, 8, mode & 07777);
        put_octal(header + 108, 8, 0); // uid
        put_octal(header + 116, 8, 0); // gid
        put_octal(header + 124, 12, size);
        put_octal(header + 136, 12, 0); // mtime
        header[156] = static_cast<u8>(type);
        mem_copy(header + 257, "ustar  ", 8);
        put_octal(header + 148, 7, header_checksum(header));
        header[155] = ' ';
    }

    // One entry's header; a name longer than the field goes first in a ././@LongLink record.
    void emit_header(ExportState& state, const char* name, size_t length, char type, u32 mode, u64 size)
    {
        u8 header[kBlock];
        if (length > 100) {
            static constexpr char kLongLink[] = "././@LongLink";
            fill_header(header, kLongLink, sizeof(kLongLink) - 1, 'L', 0644, length + 1);
            emit(state, header, sizeof(header));
            emit(state, name, length);
            static constexpr u8 kNul = 0;
            emit(state, &kNul, 1);
            emit_padding(state, length + 1);
        }
        fill_header(header, name, length, type, mode, size);
        emit(state, header, sizeof(header));
    }

    void export_entry(void* context, const TreeEntry& entry)
    {
        auto& state = *static_cast<ExportState*>(context);
        if (state.failure.code() || !entry.modified || (entry.kind != NodeKind::Directory && entry.kind != NodeKind::RegularFile))
            return;
        // The archive's names are guest paths without the leading '/'.
        size_t directory_length = str_length(state.directory);
        size_t relative_length = str_length(entry.relative_path);
        if (directory_length + relative_length + 2 > kPathMax) {
            state.failure = Error::from_errno(ENAMETOOLONG);
            return;
        }
        mem_copy(state.path, state.directory, directory_length);
        size_t length = directory_length;
        if (length == 0 || state.path[length - 1] != '/')
            state.path[length++] = '/';
        mem_copy(state.path + length, entry.relative_path, relative_length + 1);
        length += relative_length;
        if (entry.kind == NodeKind::Directory) {
            emit_header(state, state.path + 1, length - 1, '5', entry.mode, 0);
            return;
        }
        emit_header(state, state.path + 1, length - 1, '0', entry.mode, entry.size);
        u8 chunk[kBlock];
        u64 offset = 0;
        while (offset < entry.size) {
            auto got = vfs_read_file(state.kernel, state.path, offset, chunk, min<u64>(sizeof(chunk), entry.size - offset));
            if (got.is_error() || got.value() == 0) {
                // The header promised entry.size bytes: a reader would take what follows as data.
                state.failure = got.is_error() ? got.error() : Error::from_errno(EIO);
                return;
            }
            emit(state, chunk, got.value());
            offset += got.value();
        }
        emit_padding(state, entry.size);
    }

} // namespace

ErrorOr<void> vfs_export_changes(Kernel& kernel, const char* const* directories, size_t count, ArchiveSink sink, void* context)
{
    auto* path = static_cast<char*>(kmalloc(kPathMax));
    if (!path)
        return Error::from_errno(ENOMEM);
    ExportState state { kernel, nullptr, sink, context, path, Error {} };
    for (size_t i = 0; i < count && !state.failure.code(); ++i) {
        state.directory = directories[i];
        auto walked = vfs_walk(kernel, directories[i], export_entry, &state);
        if (walked.is_error())
            state.failure = walked.error();
    }
    kfree(path);
    if (state.failure.code())
        return state.failure;
    static constexpr u8 kEnd[2 * kBlock] = {};
    emit(state, kEnd, sizeof(kEnd));
    return {};
}

} // namespace zeroos
