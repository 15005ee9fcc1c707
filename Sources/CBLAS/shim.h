// OpenBLAS's CBLAS interface, plus the few LAPACK routines (Fortran ABI) the engine uses.
// OpenBLAS ships LAPACK inside libopenblas, so one link line covers both.
#ifndef IGNITABULL_CBLAS_SHIM_H
#define IGNITABULL_CBLAS_SHIM_H

#include <cblas.h>

// LAPACK (column-major, Fortran calling convention). Debian's libopenblas-dev
// installs no lapack.h for the pthread variant, so the prototypes are declared here.
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info);
void spotri_(const char *uplo, const int *n, float *a, const int *lda, int *info);
void spotrs_(const char *uplo, const int *n, const int *nrhs, const float *a, const int *lda, float *b,
             const int *ldb, int *info);
void sposv_(const char *uplo, const int *n, const int *nrhs, float *a, const int *lda, float *b, const int *ldb,
            int *info);
void sgesv_(const int *n, const int *nrhs, float *a, const int *lda, int *ipiv,
            float *b, const int *ldb, int *info);

#endif
