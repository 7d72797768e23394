#pragma once

#include "base/heap.h"
#include "base/memory.h"

namespace zeroos {

// A growable array on the kernel heap. Growth can fail (the heap is bounded), so the operations
// that allocate return false instead of throwing.
template<typename T> class Vector {
public:
    Vector() = default;
    Vector(const Vector&) = delete;
    Vector& operator=(const Vector&) = delete;
    Vector(Vector&& other) { swap(other); }
    Vector& operator=(Vector&& other)
    {
        if (this != &other) {
            clear();
            swap(other);
        }
        return *this;
    }
    ~Vector() { clear(); }

    [[nodiscard]] bool reserve(size_t wanted)
    {
        if (wanted <= capacity_)
            return true;
        size_t new_capacity = max<size_t>(wanted, capacity_ * 2);
        if (new_capacity > ~size_t(0) / sizeof(T))
            return false;
        auto* fresh = static_cast<T*>(kmalloc(new_capacity * sizeof(T)));
        if (!fresh)
            return false;
        for (size_t i = 0; i < size_; ++i) {
            new (&fresh[i]) T(static_cast<T&&>(data_[i]));
            data_[i].~T();
        }
        kfree(data_);
        data_ = fresh;
        capacity_ = new_capacity;
        return true;
    }

    [[nodiscard]] bool push_back(T value)
    {
        if (size_ == capacity_ && !reserve(size_ < 4 ? 4 : size_ * 2))
            return false;
        new (&data_[size_++]) T(static_cast<T&&>(value));
        return true;
    }

    [[nodiscard]] bool insert(size_t index, T value)
    {
        if (!push_back(static_cast<T&&>(value)))
            return false;
        for (size_t i = size_ - 1; i > index; --i) {
            T moving = static_cast<T&&>(data_[i]);
            data_[i] = static_cast<T&&>(data_[i - 1]);
            data_[i - 1] = static_cast<T&&>(moving);
        }
        return true;
    }

    // Grows with default-constructed elements or shrinks.
    [[nodiscard]] bool resize(size_t new_size)
    {
        if (!reserve(new_size))
            return false;
        while (size_ < new_size)
            new (&data_[size_++]) T();
        while (size_ > new_size)
            data_[--size_].~T();
        return true;
    }

    void remove(size_t index)
    {
        for (size_t i = index; i + 1 < size_; ++i)
            data_[i] = static_cast<T&&>(data_[i + 1]);
        data_[--size_].~T();
    }

    void clear()
    {
        while (size_ > 0)
            data_[--size_].~T();
        kfree(data_);
        data_ = nullptr;
        capacity_ = 0;
    }

    size_t size() const { return size_; }
    bool is_empty() const { return size_ == 0; }
    T* data() { return data_; }
    const T* data() const { return data_; }
    T& operator[](size_t index) { return data_[index]; }
    const T& operator[](size_t index) const { return data_[index]; }
    T& last() { return data_[size_ - 1]; }
    T* begin() { return data_; }
    T* end() { return data_ + size_; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }

private:
    void swap(Vector& other)
    {
        T* data = data_;
        size_t size = size_, capacity = capacity_;
        data_ = other.data_, size_ = other.size_, capacity_ = other.capacity_;
        other.data_ = data, other.size_ = size, other.capacity_ = capacity;
    }

    T* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

} // namespace zeroos
