package com.chief.intake;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The aws2-s3 consumer's in-progress repository: the inbox's {@link IntakeFileLocks} rows, and once a
 * row is taken, a HEAD of the object. Camel 4.17's consumer adds the key, then opens the object, and
 * when that fails (another instance archived it between this one's listing and its lock) it never
 * removes the key: the row would stay, renewed by this instance, and an object of that name dropped
 * later would never be read. The holder of a lock deletes its object before releasing the lock, so an
 * object still there once the lock is taken is one to read; a gone one is released and skipped here.
 */
public final class S3ObjectLocks extends ServiceSupport implements IdempotentRepository {

    private final IntakeFileLocks locks;
    private final S3Client s3;
    private final String bucket;

    public S3ObjectLocks(IntakeFileLocks locks, S3Client s3, String bucket) {
        this.locks = locks;
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public boolean add(String key) {
        if (!locks.add(key)) {
            return false;
        }
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            locks.remove(key);
            return false;
        } catch (S3Exception e) {
            locks.remove(key);
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        } catch (RuntimeException e) { // S3 unreachable: free the row, the next listing tries again
            locks.remove(key);
            throw e;
        }
    }

    @Override
    public boolean contains(String key) {
        return locks.contains(key);
    }

    @Override
    public boolean remove(String key) {
        return locks.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return locks.confirm(key);
    }

    @Override
    public void clear() {
        locks.clear();
    }
}
