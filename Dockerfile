# Builds both services from this repository. docker compose picks a target per service.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests install

FROM eclipse-temurin:17-jre AS sync-worker
WORKDIR /app
COPY --from=build /src/sync-worker/target/sync-worker-*-exec.jar /app/sync-worker.jar
EXPOSE 8081
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/sync-worker.jar"]

FROM eclipse-temurin:17-jre AS availability-service
WORKDIR /app
COPY --from=build /src/availability-service/target/availability-service-*-exec.jar /app/availability-service.jar
EXPOSE 8082
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/availability-service.jar"]
