#include "tape_archive.h"

#include "mounts.h"

#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace zeroos::tracer {

namespace {

    la_ssize_t append_to_string(struct archive*, void* target, const void* data, size_t length)
    {
        static_cast<std::string*>(target)->append(static_cast<const char*>(data), length);
        return static_cast<la_ssize_t>(length);
    }

    // Writes entries with libarchive's GNU tar format, whose long-name records the kernel's tar
    // reader understands.
    class ArchiveWriter final : public MountTreeVisitor {
    public:
        explicit ArchiveWriter(std::string& output)
            : archive_(archive_write_new(), archive_write_free)
        {
            archive_write_set_format_gnutar(archive_.get());
            archive_write_set_bytes_in_last_block(archive_.get(), 1);
            if (archive_write_open(archive_.get(), &output, nullptr, append_to_string, nullptr) != ARCHIVE_OK)
                failure_ = archive_error_string(archive_.get());
        }

        std::string finish()
        {
            if (failure_.empty() && archive_write_close(archive_.get()) != ARCHIVE_OK)
                failure_ = archive_error_string(archive_.get());
            return failure_;
        }

        std::string directory(const std::string& guest_path, std::uint32_t mode) override
        {
            return add(guest_path, AE_IFDIR, mode, nullptr, "");
        }
        std::string file(const std::string& guest_path, const std::string& contents, std::uint32_t mode) override
        {
            return add(guest_path, AE_IFREG, mode, &contents, "");
        }
        std::string symlink(const std::string& guest_path, const std::string& target) override
        {
            return add(guest_path, AE_IFLNK, 0777, nullptr, target);
        }

    private:
        std::string add(
            const std::string& guest_path, unsigned type, std::uint32_t mode, const std::string* contents, const std::string& link)
        {
            if (!failure_.empty())
                return failure_;
            std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(), archive_entry_free);
            // Entries are relative to the archive's root, which the kernel unpacks at /.
            std::string name = guest_path.substr(1);
            if (name.empty())
                return {}; // a mount at / itself: its directory exists
            archive_entry_set_pathname(entry.get(), name.c_str());
            archive_entry_set_filetype(entry.get(), type);
            archive_entry_set_perm(entry.get(), mode);
            archive_entry_set_size(entry.get(), contents ? static_cast<la_int64_t>(contents->size()) : 0);
            if (type == AE_IFLNK)
                archive_entry_set_symlink(entry.get(), link.c_str());
            if (archive_write_header(archive_.get(), entry.get()) != ARCHIVE_OK)
                return failure_ = guest_path + ": " + archive_error_string(archive_.get());
            if (contents && !contents->empty()
                && archive_write_data(archive_.get(), contents->data(), contents->size()) != static_cast<la_ssize_t>(contents->size()))
                return failure_ = guest_path + ": " + archive_error_string(archive_.get());
            return {};
        }

        std::unique_ptr<struct archive, int (*)(struct archive*)> archive_;
        std::string failure_;
    };

} // namespace

std::string pack_mounts(std::vector<MountSpec>& specs, std::string& archive)
{
    if (std::string problem = canonicalise_mounts(specs); !problem.empty())
        return problem;
    ArchiveWriter writer(archive);
    for (const auto& spec : specs)
        if (std::string problem = walk_mount_tree(spec, writer); !problem.empty())
            return problem;
    return writer.finish();
}

std::string read_changes_archive(
    const std::string& archive, std::vector<Mounts::ChangedEntry>& changed, std::map<std::string, std::string>& contents)
{
    std::unique_ptr<struct archive, int (*)(struct archive*)> reader(archive_read_new(), archive_read_free);
    archive_read_support_format_tar(reader.get());
    if (archive_read_open_memory(reader.get(), archive.data(), archive.size()) != ARCHIVE_OK)
        return archive_error_string(reader.get());
    archive_entry* entry = nullptr;
    int status;
    while ((status = archive_read_next_header(reader.get(), &entry)) == ARCHIVE_OK) {
        // The archive comes from the vApp, so nothing in it is trusted: a name is required, and
        // no entry may claim more bytes than the whole archive holds.
        const char* name = archive_entry_pathname(entry);
        if (!name)
            return "an entry has no name";
        std::string path = std::string("/") + name;
        while (path.size() > 1 && path.back() == '/')
            path.pop_back();
        auto type = archive_entry_filetype(entry);
        if (type != AE_IFDIR && type != AE_IFREG)
            return path + ": neither a directory nor a regular file";
        changed.push_back(Mounts::ChangedEntry { path, type == AE_IFDIR, static_cast<std::uint32_t>(archive_entry_perm(entry)) });
        if (type == AE_IFREG) {
            la_int64_t size = archive_entry_size(entry);
            if (size < 0 || static_cast<std::uint64_t>(size) > archive.size())
                return path + ": its size (" + std::to_string(size) + " bytes) is more than the archive holds";
            std::string& data = contents[path];
            data.resize(static_cast<size_t>(size));
            if (!data.empty() && archive_read_data(reader.get(), data.data(), data.size()) != static_cast<la_ssize_t>(data.size()))
                return path + ": " + (archive_error_string(reader.get()) ? archive_error_string(reader.get()) : "truncated");
        }
    }
    if (status != ARCHIVE_EOF)
        return archive_error_string(reader.get()) ? archive_error_string(reader.get()) : "damaged archive";
    return {};
}

} // namespace zeroos::tracer
