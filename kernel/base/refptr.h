#pragma once

#include "base/heap.h"

namespace zeroos {

// Intrusive reference counting for objects shared between owners (an inode held by several
// directory entries and open files, an open file description shared by dup'ed descriptors).
// Single-threaded: the kernel runs one syscall at a time.
template<typename T> class RefCounted {
public:
    void ref() { ++ref_count_; }
    void unref()
    {
        if (--ref_count_ == 0)
            destroy(static_cast<T*>(this));
    }
    size_t ref_count() const { return ref_count_; }

protected:
    RefCounted() = default;
    ~RefCounted() = default;

private:
    size_t ref_count_ = 1;
};

template<typename T> class RefPtr {
public:
    RefPtr() = default;
    RefPtr(decltype(nullptr)) { }
    // Takes over the reference a fresh object starts with.
    static RefPtr adopt(T* object)
    {
        RefPtr pointer;
        pointer.object_ = object;
        return pointer;
    }
    explicit RefPtr(T* object)
        : object_(object)
    {
        if (object_)
            object_->ref();
    }
    RefPtr(const RefPtr& other)
        : RefPtr(other.object_)
    {
    }
    RefPtr(RefPtr&& other)
        : object_(other.object_)
    {
        other.object_ = nullptr;
    }
    template<typename U>
    RefPtr(const RefPtr<U>& other)
        : RefPtr(other.ptr())
    {
    }
    RefPtr& operator=(const RefPtr& other)
    {
        RefPtr copy(other);
        swap(copy);
        return *this;
    }
    RefPtr& operator=(RefPtr&& other)
    {
        RefPtr moved(static_cast<RefPtr&&>(other));
        swap(moved);
        return *this;
    }
    ~RefPtr()
    {
        if (object_)
            object_->unref();
    }

    T* ptr() const { return object_; }
    T* operator->() const { return object_; }
    T& operator*() const { return *object_; }
    explicit operator bool() const { return object_ != nullptr; }
    bool operator==(const RefPtr& other) const { return object_ == other.object_; }

private:
    void swap(RefPtr& other)
    {
        T* mine = object_;
        object_ = other.object_;
        other.object_ = mine;
    }
    T* object_ = nullptr;
};

template<typename T, typename... Args> RefPtr<T> make_ref(Args&&... args)
{
    return RefPtr<T>::adopt(make<T>(static_cast<Args&&>(args)...));
}

} // namespace zeroos
